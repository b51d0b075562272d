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
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard lists one tenant's tokens with the fields, filters and statuses of API.md. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardListingIT {

    private static final TenantId TENANT = new TenantId("listing-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000a001"));
    private static final TokenId PIPELINE = new TokenId(UUID.fromString("11111111-1111-4111-8111-111111111111"));
    private static final TokenId MONITOR = new TokenId(UUID.fromString("22222222-2222-4222-8222-222222222222"));
    private static final TokenId LEAKED = new TokenId(UUID.fromString("33333333-3333-4333-8333-333333333333"));
    private static final TokenId SNAKE = new TokenId(UUID.fromString("44444444-4444-4444-8444-444444444444"));
    private static final TokenId LAPSED = new TokenId(UUID.fromString("55555555-5555-4555-8555-555555555555"));
    private static final TenantId ROTATING_TENANT = new TenantId("rotating-co");
    private static final TokenId ROTATING_READER = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000a002"));
    private static final TokenId ROTATED = new TokenId(UUID.fromString("66666666-6666-4666-8666-666666666666"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("77777777-7777-4777-8777-777777777777"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final String ALICE = "user:alice";
    private static final String BOB = "user:bob";

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
    void givenTokensInEveryState() {
        reader = commandSide.pass("listing-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        history.create(
                TokenHistory.created(
                        PIPELINE, TENANT, "CI/CD Pipeline - Production", Scope.SYNC_TRIGGER, days(-30), days(60)),
                ALICE);
        history.use(PIPELINE, TENANT, 42, NOW.minus(Duration.ofHours(1)), "203.0.113.7");
        history.create(
                TokenHistory.created(MONITOR, TENANT, "Datadog Monitor", Scope.READ_ONLY, days(-20), days(10)), ALICE);
        history.create(
                TokenHistory.created(LEAKED, TENANT, "Old 100% token", Scope.ADMIN, days(-25), days(100)), ALICE);
        history.revoke(LEAKED, TENANT, "leaked in a build log", days(-2), BOB);
        history.create(
                TokenHistory.created(SNAKE, TENANT, "snake_case_name", Scope.READ_ONLY, days(-40), days(-5)), ALICE);
        history.expire(SNAKE, TENANT, days(-5));
        history.create(TokenHistory.created(LAPSED, TENANT, "Lapsed", Scope.READ_ONLY, days(-50), hours(-1)), ALICE);
        history.create(
                TokenHistory.created(
                        ROTATED, ROTATING_TENANT, "Warehouse sync", Scope.SYNC_TRIGGER, days(-80), days(5)),
                ALICE);
        history.rotate(ROTATED, ROTATING_TENANT, SUCCESSOR, days(-1), BOB);
        history.create(
                TokenHistory.created(
                        SUCCESSOR, ROTATING_TENANT, "Warehouse sync", Scope.SYNC_TRIGGER, days(-1), days(89)),
                BOB);
        history.awaitDashboard();
    }

    @AfterEach
    void resetClock() {
        clock.setInstant(NOW);
    }

    @Test
    void showsEveryFieldOfAToken() {
        HttpResponse<String> response = client.get("/api/v1/tokens/" + PIPELINE, reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode token = client.json(response);
        assertThat(token.get("id").asText()).isEqualTo(PIPELINE.toString());
        assertThat(token.get("name").asText()).isEqualTo("CI/CD Pipeline - Production");
        assertThat(token.get("scope").asText()).isEqualTo("sync-trigger");
        assertThat(token.get("status").asText()).isEqualTo("active");
        assertThat(token.get("tokenHint").asText()).isEqualTo("1111");
        assertThat(token.get("createdAt").asText()).isEqualTo("2026-12-16T12:00:00Z");
        assertThat(token.get("createdBy").asText()).isEqualTo(ALICE);
        assertThat(token.get("expiresAt").asText()).isEqualTo("2027-03-16T12:00:00Z");
        assertThat(token.get("expiringSoon").asBoolean()).isFalse();
        assertThat(token.get("lastUsedAt").asText()).isEqualTo("2027-01-15T11:00:00Z");
        assertThat(token.get("lastUsedIp").asText()).isEqualTo("203.0.113.7");
        assertThat(token.get("useCount").asLong()).isEqualTo(42);
        assertThat(token.get("revokedAt").isNull()).isTrue();
        assertThat(token.get("revokedBy").isNull()).isTrue();
    }

    @Test
    void linksARotatedTokenAndItsSuccessorBothWays() {
        String rotatingReader = commandSide.pass("rotating-reader", ROTATING_TENANT, ROTATING_READER, Scope.READ_ONLY);

        JsonNode old = client.json(client.get("/api/v1/tokens/" + ROTATED, rotatingReader));
        JsonNode successor = client.json(client.get("/api/v1/tokens/" + SUCCESSOR, rotatingReader));

        assertThat(old.get("rotatedTo").asText()).isEqualTo(SUCCESSOR.toString());
        assertThat(old.get("rotatedFrom").isNull()).isTrue();
        assertThat(old.get("status").asText()).isEqualTo("active");
        assertThat(successor.get("rotatedFrom").asText()).isEqualTo(ROTATED.toString());
        assertThat(successor.get("rotatedTo").isNull()).isTrue();
    }

    @Test
    void showsWhoRevokedATokenAndWhy() {
        JsonNode token = client.json(client.get("/api/v1/tokens/" + LEAKED, reader));

        assertThat(token.get("status").asText()).isEqualTo("revoked");
        assertThat(token.get("revokedAt").asText()).isEqualTo("2027-01-13T12:00:00Z");
        assertThat(token.get("revokedBy").asText()).isEqualTo(BOB);
        assertThat(token.get("revokeReason").asText()).isEqualTo("leaked in a build log");
        assertThat(token.get("lastUsedAt").isNull()).isTrue();
    }

    @Test
    void listsNewestFirstWithAllFieldsPresent() {
        JsonNode page = client.json(client.get("/api/v1/tokens", reader));

        assertThat(ids(page)).containsExactly(MONITOR, LEAKED, PIPELINE, SNAKE, LAPSED);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(page.get("items").get(0).fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "name",
                        "scope",
                        "status",
                        "tokenHint",
                        "createdAt",
                        "createdBy",
                        "expiresAt",
                        "expiringSoon",
                        "lastUsedAt",
                        "revokedAt",
                        "revokedBy");
    }

    @ParameterizedTest
    @CsvSource({"active, 2", "expired, 2", "revoked, 1"})
    void filtersByEffectiveStatus(String status, int expectedCount) {
        JsonNode page = client.json(client.get("/api/v1/tokens?status=" + status, reader));

        assertThat(page.get("items")).hasSize(expectedCount);
        assertThat(page.get("items"))
                .allSatisfy(item -> assertThat(item.get("status").asText()).isEqualTo(status));
    }

    @Test
    void countsATokenPastItsExpiryAsExpiredBeforeItsExpiryEvent() {
        JsonNode expired = client.json(client.get("/api/v1/tokens?status=expired", reader));
        JsonNode active = client.json(client.get("/api/v1/tokens?status=active", reader));

        assertThat(ids(expired)).containsExactly(SNAKE, LAPSED);
        assertThat(ids(active)).containsExactly(MONITOR, PIPELINE);
    }

    @Test
    void filtersByScope() {
        JsonNode page = client.json(client.get("/api/v1/tokens?scope=read-only", reader));

        assertThat(ids(page)).containsExactly(MONITOR, SNAKE, LAPSED);
    }

    @Test
    void combinesFilters() {
        JsonNode page = client.json(client.get("/api/v1/tokens?status=active&scope=read-only", reader));

        assertThat(ids(page)).containsExactly(MONITOR);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "10, 1", "14, 1", "60, 2", "3650, 2"})
    void filtersActiveTokensExpiringWithinDays(int days, int expectedCount) {
        JsonNode page = client.json(client.get("/api/v1/tokens?expiringWithinDays=" + days, reader));

        assertThat(page.get("items")).hasSize(expectedCount);
    }

    @Test
    void listsActiveTokensExpiringSoonestFirst() {
        JsonNode page = client.json(client.get("/api/v1/tokens?expiringWithinDays=60&sort=expiresAt", reader));

        assertThat(ids(page)).containsExactly(MONITOR, PIPELINE);
    }

    @ParameterizedTest
    @CsvSource({"datadog, 1", "PIPELINE, 1", "100%25, 1", "%25, 1", "_, 1", "%5C, 0", "token, 1", "e, 4"})
    void findsNamesContainingTextIgnoringCaseAndWildcards(String encodedText, int expectedCount) {
        JsonNode page = client.json(client.get("/api/v1/tokens?q=" + encodedText, reader));

        assertThat(page.get("items")).hasSize(expectedCount);
    }

    @Test
    void treatsLikeWildcardsInTheSearchTextLiterally() {
        assertThat(ids(client.json(client.get("/api/v1/tokens?q=%25", reader)))).containsExactly(LEAKED);
        assertThat(ids(client.json(client.get("/api/v1/tokens?q=_", reader)))).containsExactly(SNAKE);
    }

    @Test
    void flagsOnlyActiveTokensWithinFourteenDaysOfExpiryAsExpiringSoon() {
        JsonNode page = client.json(client.get("/api/v1/tokens", reader));

        List<TokenId> expiringSoon = StreamSupport.stream(page.get("items").spliterator(), false)
                .filter(item -> item.get("expiringSoon").asBoolean())
                .map(item -> TokenId.parse(item.get("id").asText()))
                .toList();
        assertThat(expiringSoon).containsExactly(MONITOR);
    }

    @Test
    void judgesExpiryAgainstTheClock() {
        clock.setInstant(days(47));
        JsonNode soon = client.json(client.get("/api/v1/tokens/" + PIPELINE, reader));

        clock.setInstant(days(60));
        JsonNode expired = client.json(client.get("/api/v1/tokens/" + PIPELINE, reader));

        assertThat(soon.get("status").asText()).isEqualTo("active");
        assertThat(soon.get("expiringSoon").asBoolean()).isTrue();
        assertThat(expired.get("status").asText()).isEqualTo("expired");
        assertThat(expired.get("expiringSoon").asBoolean()).isFalse();
    }

    private static List<TokenId> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> TokenId.parse(item.get("id").asText()))
                .toList();
    }

    private static Instant days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private static Instant hours(long hours) {
        return NOW.plus(Duration.ofHours(hours));
    }
}
