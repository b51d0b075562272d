package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rotated token whose grace period has ended is revoked by the clock, in the item and in the list's filters alike,
 * before the event that records the revocation arrives; unless its expiry came first, which makes it expired.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardGraceStatusIT {

    private static final TenantId TENANT = new TenantId("grace-clock-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000a004"));
    private static final TokenId GRACE_FIRST = new TokenId(UUID.fromString("9b000000-0000-4000-8000-000000000001"));
    private static final TokenId GRACE_FIRST_SUCCESSOR =
            new TokenId(UUID.fromString("9b000000-0000-4000-8000-000000000002"));
    private static final TokenId EXPIRY_FIRST = new TokenId(UUID.fromString("9b000000-0000-4000-8000-000000000003"));
    private static final TokenId EXPIRY_FIRST_SUCCESSOR =
            new TokenId(UUID.fromString("9b000000-0000-4000-8000-000000000004"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    /** Within fourteen days of now, so that the token is expiring soon while its grace period lasts. */
    private static final Instant GRACE_FIRST_EXPIRES_AT = NOW.plus(Duration.ofDays(10));

    private static final Instant GRACE_FIRST_ENDS_AT = NOW.plus(Duration.ofHours(2));
    private static final Instant EXPIRY_FIRST_EXPIRES_AT = NOW.plus(Duration.ofHours(1));
    private static final Instant EXPIRY_FIRST_ENDS_AT = NOW.plus(Duration.ofHours(3));
    private static final String ALICE = "user:alice";

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private MutableClock clock;

    private String reader;

    @BeforeAll
    void givenTokensRotatedWithGracePeriodsWhoseRevocationsAreNotRecordedYet() {
        reader = commandSide.pass("grace-clock-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        rotated(GRACE_FIRST, GRACE_FIRST_SUCCESSOR, GRACE_FIRST_EXPIRES_AT, GRACE_FIRST_ENDS_AT);
        rotated(EXPIRY_FIRST, EXPIRY_FIRST_SUCCESSOR, EXPIRY_FIRST_EXPIRES_AT, EXPIRY_FIRST_ENDS_AT);
        history.awaitDashboard();
    }

    @AfterEach
    void putTheClockBack() {
        clock.setInstant(NOW);
    }

    @Test
    void showsARotatedTokenActiveUntilItsGracePeriodEnds() {
        clock.setInstant(GRACE_FIRST_ENDS_AT.minusSeconds(1));

        JsonNode token = item(GRACE_FIRST);

        assertThat(token.get("status").asText()).isEqualTo("active");
        assertThat(token.get("expiringSoon").asBoolean()).isTrue();
        assertThat(token.get("revokedAt").isNull()).isTrue();
        assertThat(token.get("revokeReason").isNull()).isTrue();
        assertThat(ids("status=active")).contains(GRACE_FIRST.toString());
        assertThat(ids("expiringWithinDays=14")).contains(GRACE_FIRST.toString());
        assertThat(ids("status=revoked")).doesNotContain(GRACE_FIRST.toString());
    }

    @Test
    void showsARotatedTokenRevokedFromTheEndOfItsGracePeriodBeforeTheRevocationIsRecorded() {
        clock.setInstant(GRACE_FIRST_ENDS_AT);

        JsonNode token = item(GRACE_FIRST);

        assertThat(token.get("status").asText()).isEqualTo("revoked");
        assertThat(token.get("expiringSoon").asBoolean()).isFalse();
        assertThat(Instant.parse(token.get("revokedAt").asText())).isEqualTo(GRACE_FIRST_ENDS_AT);
        assertThat(token.get("revokeReason").asText()).isEqualTo("rotated");
        assertThat(token.get("revokedBy").isNull()).isTrue();
        assertThat(item(GRACE_FIRST_SUCCESSOR).get("status").asText()).isEqualTo("active");
    }

    @Test
    void filtersARotatedTokenAsRevokedFromTheEndOfItsGracePeriod() {
        clock.setInstant(GRACE_FIRST_ENDS_AT);

        assertThat(ids("status=revoked")).contains(GRACE_FIRST.toString());
        assertThat(ids("status=active"))
                .contains(GRACE_FIRST_SUCCESSOR.toString())
                .doesNotContain(GRACE_FIRST.toString());
        assertThat(ids("status=expired")).doesNotContain(GRACE_FIRST.toString());
        assertThat(ids("expiringWithinDays=14")).doesNotContain(GRACE_FIRST.toString());
    }

    @Test
    void showsATokenWhoseGracePeriodEndsAfterItsExpiryExpired() {
        clock.setInstant(EXPIRY_FIRST_ENDS_AT);

        JsonNode token = item(EXPIRY_FIRST);

        assertThat(token.get("status").asText()).isEqualTo("expired");
        assertThat(token.get("revokedAt").isNull()).isTrue();
        assertThat(token.get("revokeReason").isNull()).isTrue();
        assertThat(ids("status=expired")).contains(EXPIRY_FIRST.toString());
        assertThat(ids("status=revoked")).doesNotContain(EXPIRY_FIRST.toString());
        assertThat(ids("status=active")).doesNotContain(EXPIRY_FIRST.toString());
    }

    private void rotated(TokenId old, TokenId successor, Instant expiresAt, Instant graceEndsAt) {
        Instant rotatedAt = NOW.minus(Duration.ofHours(1));
        String name = "Rotated " + old.toString().substring(old.toString().length() - 1);
        history.create(
                TokenHistory.created(old, TENANT, name, Scope.SYNC_TRIGGER, NOW.minus(Duration.ofDays(60)), expiresAt),
                ALICE);
        history.rotate(old, TENANT, successor, rotatedAt, graceEndsAt, ALICE);
        history.create(
                TokenHistory.created(
                        successor, TENANT, name, Scope.SYNC_TRIGGER, rotatedAt, rotatedAt.plus(Duration.ofDays(90))),
                ALICE);
    }

    private JsonNode item(TokenId tokenId) {
        return client.json(client.get("/api/v1/tokens/" + tokenId, reader));
    }

    /** The ids of the tenant's tokens that the list answers with that filter. */
    private List<String> ids(String filter) {
        JsonNode page = client.json(client.get("/api/v1/tokens?limit=200&" + filter, reader));
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
