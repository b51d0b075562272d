package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The bulk replay at start ({@link ProjectionReplayConfiguration}): a node that starts on an event store holding more
 * events than the threshold, with no positions stored for its projections, brings the dashboard and the audit trail up
 * to the head in bulk, together, on a replay thread per projection and before the processors start, which then
 * handle each later event once. The history is stored once every singleton exists but before Axon starts (Spring
 * starts its lifecycle beans, Axon among them, only after that); a handler in each processing group records the thread
 * that handled each event, which tells the bulk replay from the processors' threads ({@code EventProcessor[name]-n}),
 * and the order of all handling, which tells one replay of both, page by page, from one replay after the other.
 */
@QuerySideIntegrationTest
@TestPropertySource(
        properties = {
            "vf.projection.replay.threshold=" + ProjectionReplayAtStartIT.THRESHOLD,
            "vf.projection.replay.chunk-size=4"
        })
@Import(HandlingRecorder.InBothProjections.class)
class ProjectionReplayAtStartIT {

    static final int THRESHOLD = 5;

    private static final List<String> PROJECTIONS = List.of(TokenHistory.DASHBOARD, TokenHistory.AUDIT);
    private static final TenantId TENANT_A = new TenantId("start-a");
    private static final TenantId TENANT_B = new TenantId("start-b");
    private static final TokenId A_USED = token("a-used");
    private static final TokenId A_REVOKED = token("a-revoked");
    private static final TokenId B_USED = token("b-used");
    private static final TokenId B_ROTATED = token("b-rotated");
    private static final TokenId B_SUCCESSOR = token("b-successor");
    private static final TokenId A_LATER = token("a-later");
    private static final TokenId B_LATER = token("b-later");
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(10));

    @Autowired
    private StoredBeforeStart storedBeforeStart;

    @Autowired
    private HandlingRecorder handled;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    /**
     * Stores two tenants' histories once every singleton exists, before Spring starts its lifecycle beans and so before
     * Axon starts, and notes how things stood then.
     */
    static final class StoredBeforeStart implements SmartInitializingSingleton {

        private final TokenHistory history;
        private final EventProcessingConfiguration processing;
        private final JdbcClient jdbc;
        private volatile List<String> eventIds;
        private volatile long positionsStored;
        private volatile List<Boolean> processorsRunning;
        private volatile List<String> indexes;

        StoredBeforeStart(TokenHistory history, EventProcessingConfiguration processing, JdbcClient jdbc) {
            this.history = history;
            this.processing = processing;
            this.jdbc = jdbc;
        }

        @Override
        public void afterSingletonsInstantiated() {
            processorsRunning = PROJECTIONS.stream()
                    .map(name -> processing
                            .eventProcessor(name)
                            .map(EventProcessor::isRunning)
                            .orElseThrow())
                    .toList();

            history.publish(
                    new NotificationSettingsChangedEvent(TENANT_A, List.of("ops@start-a.example"), null, false, T0),
                    TokenHistory.requestMetadata("user:alice", "192.0.2.10", "req-settings"));
            create(history, A_USED, TENANT_A, "Deploy", Scope.SYNC_TRIGGER, "user:alice");
            create(history, A_REVOKED, TENANT_A, "Old CI", Scope.READ_ONLY, "user:alice");
            create(history, B_USED, TENANT_B, "Reader", Scope.READ_ONLY, "user:bob");
            for (int window = 1; window <= 3; window++) {
                history.use(A_USED, TENANT_A, window + 1, T0.plus(Duration.ofHours(window)), "198.51.100." + window);
                history.use(B_USED, TENANT_B, window + 4, T0.plus(Duration.ofHours(window)), "203.0.113." + window);
            }
            history.use(A_REVOKED, TENANT_A, 1, T0.plus(Duration.ofHours(4)), "198.51.100.4");
            history.revoke(A_REVOKED, TENANT_A, "leaked in a log", T0.plus(Duration.ofHours(5)), "user:alice");
            create(history, B_ROTATED, TENANT_B, "Publisher", Scope.ADMIN, "user:bob");
            history.rotate(B_ROTATED, TENANT_B, B_SUCCESSOR, T0.plus(Duration.ofDays(1)), "user:bob");
            create(history, B_SUCCESSOR, TENANT_B, "Publisher", Scope.ADMIN, "user:bob");
            history.use(B_SUCCESSOR, TENANT_B, 2, T0.plus(Duration.ofDays(2)), "203.0.113.9");

            // As a replay from the first event that a crash cut off leaves things: an index dropped, and listed.
            indexes = indexDefinitions(jdbc);
            jdbc.sql("""
                            INSERT INTO projection_deferred_index
                            SELECT indexname, 'dashboard', indexdef FROM pg_indexes
                            WHERE indexname = 'token_dashboard_name'""").update();
            jdbc.sql("DROP INDEX token_dashboard_name").update();

            eventIds = eventIdentifiers(jdbc);
            positionsStored = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname IN (?, ?)")
                    .params(PROJECTIONS.get(0), PROJECTIONS.get(1))
                    .query(Long.class)
                    .single();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class HistoryBeforeStartConfiguration {

        @Bean
        StoredBeforeStart storedBeforeStart(
                TokenHistory history, EventProcessingConfiguration processing, JdbcClient jdbc) {
            return new StoredBeforeStart(history, processing, jdbc);
        }
    }

    @Test
    void handlesTheStoredHistoryInBulkOnReplayThreadsBeforeTheProcessorsStart() {
        assertThat(storedBeforeStart.processorsRunning)
                .as("processors running then")
                .containsOnly(false);
        assertThat(storedBeforeStart.positionsStored)
                .as("positions stored then")
                .isZero();
        assertThat(storedBeforeStart.eventIds).as("events stored then").hasSizeGreaterThan(THRESHOLD);

        for (String projection : PROJECTIONS) {
            assertThat(handled.threads(projection, storedBeforeStart.eventIds))
                    .as("threads that handled each stored event in %s", projection)
                    .allSatisfy((id, threads) ->
                            assertThat(threads).containsExactly(ProjectionReplay.threadName(projection)));
        }
        assertThat(handled.groupChanges(storedBeforeStart.eventIds))
                .as("switches between the projections while they handled the stored events: one replay of both, page by"
                        + " page, not one after the other")
                .isGreaterThan(1);
    }

    @Test
    void buildsTheIndexThatACrashedReplayLeftDropped() {
        assertThat(storedBeforeStart.indexes)
                .contains("CREATE INDEX token_dashboard_name ON public.token_dashboard"
                        + " USING btree (tenant_id, lower(name) COLLATE \"C\", token_id)");
        assertThat(indexDefinitions(jdbc)).isEqualTo(storedBeforeStart.indexes);
        assertThat(jdbc.sql("SELECT count(*) FROM projection_deferred_index")
                        .query(Long.class)
                        .single())
                .as("indexes left to build")
                .isZero();
    }

    @Test
    void writesTheStoredHistoryIntoTheDashboardAndTheAuditTrail() {
        assertThat(useCounts(A_USED, A_REVOKED, B_USED, B_ROTATED, B_SUCCESSOR))
                .containsExactly(2L + 3 + 4, 1L, 5L + 6 + 7, 0L, 2L);
        assertThat(dashboard(TENANT_A))
                .containsEntry(A_USED.toString(), "active")
                .containsEntry(A_REVOKED.toString(), "revoked");
        assertThat(dashboard(TENANT_B))
                .containsEntry(B_USED.toString(), "active")
                .containsEntry(B_ROTATED.toString(), "active")
                .containsEntry(B_SUCCESSOR.toString(), "active");
        assertThat(jdbc.sql("SELECT id FROM audit_event ORDER BY id")
                        .query(Long.class)
                        .list())
                .as("one entry per event, by its global index")
                .isEqualTo(globalIndexes());
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    @Test
    void processorsHandleEachEventStoredAfterTheStartOnce() {
        List<String> before = eventIdentifiers(jdbc);
        create(history, A_LATER, TENANT_A, "Later", Scope.READ_ONLY, "user:alice");
        history.use(A_LATER, TENANT_A, 3, T0.plus(Duration.ofDays(3)), "198.51.100.30");
        create(history, B_LATER, TENANT_B, "Later", Scope.READ_ONLY, "user:bob");
        history.revoke(B_LATER, TENANT_B, "done", T0.plus(Duration.ofDays(4)), "user:bob");
        history.awaitDashboard();
        history.awaitAudit();
        List<String> after = new ArrayList<>(eventIdentifiers(jdbc));
        after.removeAll(before);

        assertThat(after).hasSize(4);
        for (String projection : PROJECTIONS) {
            assertThat(handled.threads(projection, after))
                    .as("threads that handled each later event in %s", projection)
                    .allSatisfy((id, threads) ->
                            assertThat(threads).singleElement().asString().startsWith("EventProcessor[" + projection));
            Map<String, Integer> everyEventOnce = new LinkedHashMap<>();
            eventIdentifiers(jdbc).forEach(id -> everyEventOnce.put(id, 1));
            assertThat(handled.counts(projection))
                    .as("events handled by %s", projection)
                    .isEqualTo(everyEventOnce);
        }
        assertThat(useCounts(A_LATER)).containsExactly(3L);
        assertThat(dashboard(TENANT_B)).containsEntry(B_LATER.toString(), "revoked");
        assertThat(jdbc.sql("SELECT id FROM audit_event ORDER BY id")
                        .query(Long.class)
                        .list())
                .as("one entry per event, by its global index")
                .isEqualTo(globalIndexes());
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    private static void create(
            TokenHistory history, TokenId tokenId, TenantId tenantId, String name, Scope scope, String actor) {
        history.create(TokenHistory.created(tokenId, tenantId, name, scope, T0, T0.plus(Duration.ofDays(30))), actor);
    }

    /** Every index of the projections' tables, as PostgreSQL would create it again. */
    private static List<String> indexDefinitions(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT indexdef FROM pg_indexes
                        WHERE tablename IN ('token_dashboard', 'audit_event', 'audit_chain_head', 'audit_token')
                        ORDER BY indexname""").query(String.class).list();
    }

    private static List<String> eventIdentifiers(JdbcClient jdbc) {
        return jdbc.sql("SELECT eventidentifier FROM domainevententry ORDER BY globalindex")
                .query(String.class)
                .list();
    }

    private List<Long> globalIndexes() {
        return jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                .query(Long.class)
                .list();
    }

    private List<Long> useCounts(TokenId... tokenIds) {
        List<Long> counts = new ArrayList<>();
        for (TokenId tokenId : tokenIds) {
            counts.add(jdbc.sql("SELECT use_count FROM token_dashboard WHERE token_id = ?")
                    .param(tokenId.value())
                    .query(Long.class)
                    .single());
        }
        return counts;
    }

    /** The tenant's tokens as GET /api/v1/tokens lists them: status by id. */
    private Map<String, String> dashboard(TenantId tenant) {
        String reader = commandSide.pass(
                "start-reader-" + tenant.value(), tenant, token("reader-" + tenant.value()), Scope.READ_ONLY);
        HttpResponse<String> response = client.get("/api/v1/tokens?limit=200", reader);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> statuses = new LinkedHashMap<>();
        client.json(response)
                .get("items")
                .forEach(item ->
                        statuses.put(item.get("id").asText(), item.get("status").asText()));
        return statuses;
    }

    private void assertChainIntact(TenantId tenant) {
        String admin = commandSide.pass(
                "start-admin-" + tenant.value(), tenant, token("admin-" + tenant.value()), Scope.ADMIN);
        HttpResponse<String> response = client.get("/api/v1/audit-events/verify", admin);
        JsonNode verification = client.json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(verification.get("valid").asBoolean()).as(response.body()).isTrue();
        assertThat(verification.get("checked").asLong())
                .as(response.body())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = ?")
                        .param(tenant.value())
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    private static TokenId token(String name) {
        return new TokenId(UUID.nameUUIDFromBytes(("start-" + name).getBytes(StandardCharsets.UTF_8)));
    }
}
