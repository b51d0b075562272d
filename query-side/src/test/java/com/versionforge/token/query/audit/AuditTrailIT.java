package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every token event becomes one entry of its tenant's trail, with the event's time and the actor, client and request
 * of its metadata; the trail is a pure function of the events, so a replay rebuilds it identically.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT {

    private static final TenantId TENANT = new TenantId("audit-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000a0001"));
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000a0002"));
    private static final TokenId DEPLOY = new TokenId(UUID.fromString("ad100000-0000-4000-8000-000000000001"));
    private static final TokenId NIGHTLY = new TokenId(UUID.fromString("ad100000-0000-4000-8000-000000000002"));
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(10));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private AuditProjection projection;

    @Autowired
    private JdbcClient jdbc;

    private String admin;
    private String reader;

    @BeforeAll
    void givenTheHistoryOfTwoTokens() {
        admin = commandSide.pass("audit-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        reader = commandSide.pass("audit-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        history.append(
                DEPLOY,
                TokenHistory.created(DEPLOY, TENANT, "Deploy key", Scope.SYNC_TRIGGER, T0, T0.plus(days(30))),
                TokenHistory.requestMetadata("user:alice", "198.51.100.7", "req-create"));
        history.use(DEPLOY, TENANT, 5, T0.plus(days(1)), "203.0.113.5");
        history.append(
                DEPLOY,
                new TokenRevokedEvent(DEPLOY, TENANT, "leaked in a build log", T0.plus(days(2))),
                TokenHistory.requestMetadata("user:bob", "198.51.100.8", "req-revoke"));
        history.refusedUse(DEPLOY, TENANT, TokenStatus.REVOKED, 3, T0.plus(days(3)), "203.0.113.99");
        history.create(
                TokenHistory.created(
                        NIGHTLY, TENANT, "Nightly export", Scope.READ_ONLY, T0.plusSeconds(3600), T0.plus(days(5))),
                "user:alice");
        history.expire(NIGHTLY, TENANT, T0.plus(days(5)));
        history.awaitAudit();
    }

    @Test
    void recordsOneEntryPerEventWithTheEventsTimesActorsAndDetails() {
        List<JsonNode> entries = items(page("limit=200"));

        assertThat(entries)
                .extracting(entry -> entry.get("type").asText())
                .containsExactly(
                        "token-created",
                        "token-used",
                        "token-revoked",
                        "token-refused-use",
                        "token-created",
                        "token-expired");
        JsonNode created = entries.get(0);
        assertThat(Instant.parse(created.get("occurredAt").asText())).isEqualTo(T0);
        assertThat(created.get("tokenId").asText()).isEqualTo(DEPLOY.toString());
        assertThat(created.get("tokenName").asText()).isEqualTo("Deploy key");
        assertThat(created.get("actor").asText()).isEqualTo("user:alice");
        assertThat(created.get("clientIp").asText()).isEqualTo("198.51.100.7");
        assertThat(created.get("requestId").asText()).isEqualTo("req-create");
        assertThat(created.get("details").get("scope").asText()).isEqualTo("sync-trigger");
        JsonNode used = entries.get(1);
        assertThat(used.get("actor").asText()).isEqualTo("token:" + DEPLOY);
        assertThat(used.get("clientIp").asText()).isEqualTo("203.0.113.5");
        assertThat(used.get("tokenName").asText()).isEqualTo("Deploy key");
        assertThat(used.get("details").get("count").asLong()).isEqualTo(5);
        assertThat(used.get("details").get("lastUserAgent").asText()).isEqualTo("curl");
        JsonNode revoked = entries.get(2);
        assertThat(revoked.get("actor").asText()).isEqualTo("user:bob");
        assertThat(revoked.get("requestId").asText()).isEqualTo("req-revoke");
        assertThat(revoked.get("details").get("reason").asText()).isEqualTo("leaked in a build log");
        assertThat(Instant.parse(revoked.get("occurredAt").asText())).isEqualTo(T0.plus(days(2)));
        JsonNode refused = entries.get(3);
        assertThat(refused.get("clientIp").asText()).isEqualTo("203.0.113.99");
        assertThat(refused.get("details").get("count").asLong()).isEqualTo(3);
        assertThat(refused.get("details").get("status").asText()).isEqualTo("revoked");
        assertThat(Instant.parse(entries.get(5).get("occurredAt").asText())).isEqualTo(T0.plus(days(5)));
        assertThat(entries.get(5).get("actor").asText()).isEqualTo("system");
    }

    @Test
    void chainsEachEntryToThePreviousOneOfItsTenantInIdOrder() {
        List<JsonNode> entries = items(page("limit=200"));

        assertThat(entries.get(0).get("prevHash").asText()).isEqualTo("0".repeat(64));
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("id").asLong())
                    .isGreaterThan(entries.get(i - 1).get("id").asLong());
            assertThat(entries.get(i).get("prevHash").asText())
                    .isEqualTo(entries.get(i - 1).get("hash").asText());
        }
        assertThat(entries)
                .allSatisfy(entry -> assertThat(entry.get("hash").asText()).matches("[0-9a-f]{64}"));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(
                        "tokenId=" + DEPLOY,
                        List.of("token-created", "token-used", "token-revoked", "token-refused-use")),
                Arguments.of("actor=user:alice", List.of("token-created", "token-created")),
                Arguments.of("type=token-revoked", List.of("token-revoked")),
                Arguments.of(
                        "from=" + T0.plus(days(1)) + "&to=" + T0.plus(days(3)), List.of("token-used", "token-revoked")),
                Arguments.of("tokenId=" + NIGHTLY + "&type=token-expired", List.of("token-expired")),
                Arguments.of("actor=user:nobody", List.of()));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void showsOnlyTheEntriesItsFiltersSelect(String query, List<String> types) {
        List<JsonNode> entries = items(page(query));

        assertThat(entries).extracting(entry -> entry.get("type").asText()).containsExactlyElementsOf(types);
    }

    @Test
    void verifiesTheUntouchedTrail() {
        JsonNode verification = json(client.get("/api/v1/audit-events/verify", admin));

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(6);
        assertThat(verification.has("firstInvalidId")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit-events", "/api/v1/audit-events/verify", "/api/v1/compliance/report"})
    void refusesTokenBelowAdminScope(String path) {
        HttpResponse<String> response = client.get(path, reader);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(json(response).get("requiredScope").asText()).isEqualTo("admin");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
                .hasValue(StubCommandSide.RATE_LIMIT_REMAINING);
    }

    @Test
    void refusesCsvExportToTokenBelowAdminScopeAsProblemJson() {
        HttpResponse<String> response = client.get("/api/v1/audit-events", reader, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit-events", "/api/v1/audit-events/verify", "/api/v1/compliance/report"})
    void answersJsonToAClientThatAcceptsAnything(String path) {
        HttpResponse<String> response = client.get(path, admin, "Accept", "*/*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void refusesAMediaTypeItCannotProduceAsProblemJson() {
        HttpResponse<String> response = client.get("/api/v1/audit-events/verify", admin, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asText()).isEqualTo("not-acceptable");
    }

    @Test
    void changesNothingWhenEventsAreDeliveredAgain() throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);

        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable()) {
                handler.handle(events.nextAvailable());
            }
        }

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rebuildsIdenticalEntriesWhenReplayed() {
        Map<String, List<Map<String, Object>>> before = snapshot();
        // Rows that no longer match their events: only a true rebuild from the events puts them right.
        jdbc.sql("UPDATE audit_event SET token_name = 'tampered' WHERE token_id = ?")
                .param(DEPLOY.value())
                .update();
        jdbc.sql("DELETE FROM audit_token WHERE token_id = ?")
                .param(NIGHTLY.value())
                .update();
        StreamingEventProcessor processor = history.auditProcessor();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitAudit();

        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every row of the audit side's tables, in a fixed order. */
    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "audit_event", rows("SELECT * FROM audit_event ORDER BY id"),
                "audit_chain_head", rows("SELECT * FROM audit_chain_head ORDER BY tenant_id"),
                "audit_token", rows("SELECT * FROM audit_token ORDER BY token_id"));
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    private JsonNode page(String query) {
        HttpResponse<String> response = client.get("/api/v1/audit-events?" + query, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private JsonNode json(HttpResponse<String> response) {
        return client.json(response);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
