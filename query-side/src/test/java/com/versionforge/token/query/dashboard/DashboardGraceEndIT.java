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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard keeps when a rotated token's grace period ends, in both answers of API.md and through a rebuild. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardGraceEndIT {

    private static final TenantId TENANT = new TenantId("grace-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000a003"));
    private static final TokenId IN_GRACE = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000001"));
    private static final TokenId IN_GRACE_SUCCESSOR =
            new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000002"));
    private static final TokenId SUCCESSOR_FIRST = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000003"));
    private static final TokenId SUCCESSOR_FIRST_SUCCESSOR =
            new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000004"));
    private static final TokenId KEPT = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000005"));
    private static final TokenId KEPT_SUCCESSOR = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000006"));
    private static final TokenId GRACE_OVER = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000007"));
    private static final TokenId GRACE_OVER_SUCCESSOR =
            new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000008"));
    private static final TokenId NEVER_ROTATED = new TokenId(UUID.fromString("9a000000-0000-4000-8000-000000000009"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final Instant IN_GRACE_ENDS_AT = Instant.parse("2027-01-22T12:00:00Z");
    private static final Instant SUCCESSOR_FIRST_ENDS_AT = Instant.parse("2027-01-15T13:00:00Z");
    private static final Instant GRACE_OVER_ENDS_AT = Instant.parse("2027-01-14T12:00:00Z");
    private static final String ALICE = "user:alice";

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String reader;

    @BeforeAll
    void givenTokensRotatedWithAndWithoutAGracePeriod() {
        reader = commandSide.pass("grace-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        rotated(IN_GRACE, IN_GRACE_SUCCESSOR, IN_GRACE_ENDS_AT, days(-1));
        rotated(KEPT, KEPT_SUCCESSOR, null, days(-2));
        rotated(GRACE_OVER, GRACE_OVER_SUCCESSOR, GRACE_OVER_ENDS_AT, days(-3));
        history.revoke(GRACE_OVER, TENANT, "rotated", GRACE_OVER_ENDS_AT, "system");
        // The successor's creation stored before the rotation that names it, as another segment may apply them.
        history.create(
                TokenHistory.created(SUCCESSOR_FIRST, TENANT, "Successor first", Scope.ADMIN, days(-30), days(30)),
                ALICE);
        history.create(
                TokenHistory.created(
                        SUCCESSOR_FIRST_SUCCESSOR, TENANT, "Successor first", Scope.ADMIN, days(-4), days(86)),
                ALICE);
        history.rotate(SUCCESSOR_FIRST, TENANT, SUCCESSOR_FIRST_SUCCESSOR, days(-4), SUCCESSOR_FIRST_ENDS_AT, ALICE);
        history.create(
                TokenHistory.created(NEVER_ROTATED, TENANT, "Never rotated", Scope.READ_ONLY, days(-5), days(60)),
                ALICE);
        history.awaitDashboard();
    }

    @Test
    void showsWhenTheGracePeriodOfARotatedTokenEnds() {
        HttpResponse<String> response = client.get("/api/v1/tokens/" + IN_GRACE, reader);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = client.json(response);
        assertThat(token.get("status").asText()).isEqualTo("active");
        assertThat(token.get("rotatedTo").asText()).isEqualTo(IN_GRACE_SUCCESSOR.toString());
        assertThat(token.get("graceEndsAt").asText()).isEqualTo("2027-01-22T12:00:00Z");
    }

    @Test
    void answersNullWhenATokenHasNoGraceEnd() {
        JsonNode kept = client.json(client.get("/api/v1/tokens/" + KEPT, reader));
        JsonNode successor = client.json(client.get("/api/v1/tokens/" + KEPT_SUCCESSOR, reader));

        assertThat(kept.get("rotatedTo").asText()).isEqualTo(KEPT_SUCCESSOR.toString());
        assertThat(kept.has("graceEndsAt")).isTrue();
        assertThat(kept.get("graceEndsAt").isNull()).isTrue();
        assertThat(successor.get("graceEndsAt").isNull()).isTrue();
    }

    @Test
    void listsTheGraceEndOfEveryTokenWithNullWhereThereIsNone() {
        assertThat(graceEndsInList()).containsExactlyInAnyOrderEntriesOf(expectedGraceEnds());
    }

    @Test
    void keepsTheGraceEndWhenTheSuccessorsCreationCameFirst() {
        JsonNode old = client.json(client.get("/api/v1/tokens/" + SUCCESSOR_FIRST, reader));
        JsonNode successor = client.json(client.get("/api/v1/tokens/" + SUCCESSOR_FIRST_SUCCESSOR, reader));

        assertThat(old.get("rotatedTo").asText()).isEqualTo(SUCCESSOR_FIRST_SUCCESSOR.toString());
        assertThat(old.get("graceEndsAt").asText()).isEqualTo("2027-01-15T13:00:00Z");
        assertThat(successor.get("rotatedFrom").asText()).isEqualTo(SUCCESSOR_FIRST.toString());
    }

    @Test
    void keepsTheGraceEndOfATokenRevokedWhenItEnded() {
        JsonNode token = client.json(client.get("/api/v1/tokens/" + GRACE_OVER, reader));

        assertThat(token.get("status").asText()).isEqualTo("revoked");
        assertThat(token.get("revokeReason").asText()).isEqualTo("rotated");
        assertThat(token.get("graceEndsAt").asText()).isEqualTo("2027-01-14T12:00:00Z");
    }

    @Test
    void rebuildsTheGraceEndsWhenTheDashboardIsReplayed() {
        StreamingEventProcessor processor = history.dashboardProcessor();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitDashboard();

        assertThat(graceEndsInList()).containsExactlyInAnyOrderEntriesOf(expectedGraceEnds());
    }

    private void rotated(TokenId old, TokenId successor, Instant graceEndsAt, Instant rotatedAt) {
        String name = "Rotated " + old.toString().substring(old.toString().length() - 1);
        history.create(TokenHistory.created(old, TENANT, name, Scope.SYNC_TRIGGER, days(-60), days(30)), ALICE);
        history.rotate(old, TENANT, successor, rotatedAt, graceEndsAt, ALICE);
        history.create(
                TokenHistory.created(
                        successor, TENANT, name, Scope.SYNC_TRIGGER, rotatedAt, rotatedAt.plus(Duration.ofDays(90))),
                ALICE);
    }

    /** Each listed token's grace end as the list answers it, {@code "null"} for a JSON null. */
    private Map<String, String> graceEndsInList() {
        JsonNode page = client.json(client.get("/api/v1/tokens?limit=200", reader));
        Map<String, String> graceEnds = new LinkedHashMap<>();
        page.get("items").forEach(item -> {
            JsonNode graceEndsAt = item.get("graceEndsAt");
            assertThat(graceEndsAt).as("graceEndsAt of %s", item.get("id")).isNotNull();
            graceEnds.put(item.get("id").asText(), graceEndsAt.isNull() ? "null" : graceEndsAt.asText());
        });
        return graceEnds;
    }

    private static Map<String, String> expectedGraceEnds() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(IN_GRACE.toString(), "2027-01-22T12:00:00Z");
        expected.put(IN_GRACE_SUCCESSOR.toString(), "null");
        expected.put(KEPT.toString(), "null");
        expected.put(KEPT_SUCCESSOR.toString(), "null");
        expected.put(GRACE_OVER.toString(), "2027-01-14T12:00:00Z");
        expected.put(GRACE_OVER_SUCCESSOR.toString(), "null");
        expected.put(SUCCESSOR_FIRST.toString(), "2027-01-15T13:00:00Z");
        expected.put(SUCCESSOR_FIRST_SUCCESSOR.toString(), "null");
        expected.put(NEVER_ROTATED.toString(), "null");
        return expected;
    }

    private static Instant days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }
}
