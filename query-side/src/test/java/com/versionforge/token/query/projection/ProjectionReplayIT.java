package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The bulk replay ({@link ProjectionReplay#catchUp}) of the dashboard and the audit trail, in pages of 7 events: after
 * a reset, or for processors that never ran, it writes exactly the rows the processors write live, and stores
 * positions from which the processors, started again, handle each later event once; it changes nothing when another
 * node holds a segment or the backlog is below the threshold. A handler that counts every event each processor's
 * handlers receive, added to both processing groups, tells a redelivery apart, which the projections themselves hide
 * by being idempotent.
 */
@QuerySideIntegrationTest
@TestPropertySource(
        properties = {
            "vf.projection.replay.chunk-size=" + ProjectionReplayIT.CHUNK_SIZE,
            "vf.projection.replay.dashboard-events-per-commit=" + 2 * ProjectionReplayIT.CHUNK_SIZE
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(HandlingRecorder.InBothProjections.class)
class ProjectionReplayIT {

    static final int CHUNK_SIZE = 7;

    private static final List<String> PROCESSORS = List.of(TokenHistory.DASHBOARD, TokenHistory.AUDIT);
    // The projections' QueryOnlyIndexes.
    private static final List<String> QUERY_ONLY_INDEXES = List.of(
            "audit_event_tenant_token",
            "token_dashboard_created",
            "token_dashboard_expires",
            "token_dashboard_last_used",
            "token_dashboard_name");
    private static final TenantId TENANT_A = new TenantId("replay-a");
    private static final TenantId TENANT_B = new TenantId("replay-b");
    private static final TokenId A_ROTATED = token("a-rotated");
    private static final TokenId A_SUCCESSOR = token("a-successor");
    private static final TokenId A_REVOKED = token("a-revoked");
    private static final TokenId A_EXPIRED = token("a-expired");
    private static final TokenId B_USED = token("b-used");
    private static final TokenId B_ROTATED = token("b-rotated");
    private static final TokenId B_SUCCESSOR = token("b-successor");
    private static final TokenId B_LATER = token("b-later");
    private static final TokenId NEVER_CREATED = token("never-created");
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(10));

    @Autowired
    private TokenHistory history;

    @Autowired
    private ProjectionReplay replay;

    @Autowired
    private HandlingRecorder handled;

    @Autowired
    private TokenStore tokenStore;

    @Autowired
    private TransactionManager transactionManager;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    /**
     * Two tenants' interleaved histories, with a settings change (an event of no aggregate), creations, a use of a
     * token never created, uses in several windows, two rotations whose successors are created after them, a
     * revocation, a refused use and an expiry. One rotation is the last event of a page and its successor's creation
     * the first of the next.
     */
    @BeforeAll
    void givenTheHistoriesOfTwoTenants() {
        history.publish(
                new NotificationSettingsChangedEvent(TENANT_A, List.of("ops@replay-a.example"), null, false, T0),
                TokenHistory.requestMetadata("user:alice", "192.0.2.10", "req-settings"));
        create(A_ROTATED, TENANT_A, "Deploy", Scope.SYNC_TRIGGER, "user:alice");
        create(B_USED, TENANT_B, "Reader", Scope.READ_ONLY, "user:bob");
        // A token whose creation the audit side never saw: its entry, in the middle of the first page, cannot be named
        // from memory, so it and the rest of its page are linked at the end of the page rather than streamed.
        history.use(NEVER_CREATED, TENANT_A, 1, T0.plus(Duration.ofMinutes(30)), "198.51.100.30");
        create(A_REVOKED, TENANT_A, "Old CI", Scope.READ_ONLY, "user:alice");
        create(B_ROTATED, TENANT_B, "Publisher", Scope.ADMIN, "user:bob");
        create(A_EXPIRED, TENANT_A, "Short-lived", Scope.READ_ONLY, "user:alice");
        for (int window = 1; window <= 3; window++) {
            history.use(A_ROTATED, TENANT_A, window, T0.plus(Duration.ofHours(window)), "198.51.100." + window);
            history.use(B_USED, TENANT_B, 2L * window, T0.plus(Duration.ofHours(window)), "203.0.113." + window);
        }
        history.use(A_REVOKED, TENANT_A, 4, T0.plus(Duration.ofHours(4)), "198.51.100.4");
        history.revoke(A_REVOKED, TENANT_A, "leaked in a log", T0.plus(Duration.ofHours(5)), "user:alice");
        history.refusedUse(A_REVOKED, TENANT_A, TokenStatus.REVOKED, 3, T0.plus(Duration.ofHours(6)), "198.51.100.99");
        history.use(B_ROTATED, TENANT_B, 1, T0.plus(Duration.ofHours(6)), "203.0.113.9");
        padUntilTheNextEventEndsAPage();
        history.rotate(
                A_ROTATED,
                TENANT_A,
                A_SUCCESSOR,
                T0.plus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(2)),
                "user:alice");
        create(A_SUCCESSOR, TENANT_A, "Deploy", Scope.SYNC_TRIGGER, "user:alice");
        history.use(A_SUCCESSOR, TENANT_A, 7, T0.plus(Duration.ofDays(1).plusHours(1)), "198.51.100.7");
        history.rotate(B_ROTATED, TENANT_B, B_SUCCESSOR, T0.plus(Duration.ofDays(1)), "user:bob");
        history.use(B_USED, TENANT_B, 1, T0.plus(Duration.ofDays(1).plusMinutes(5)), "203.0.113.4");
        create(B_SUCCESSOR, TENANT_B, "Publisher", Scope.ADMIN, "user:bob");
        history.revoke(
                B_ROTATED, TENANT_B, "rotated", T0.plus(Duration.ofDays(1).plusHours(2)), "user:bob");
        history.expire(A_EXPIRED, TENANT_A, T0.plus(Duration.ofDays(3)));
        history.use(B_SUCCESSOR, TENANT_B, 5, T0.plus(Duration.ofDays(3)), "203.0.113.5");
        awaitBoth();

        assertThat(eventCount()).as("several pages").isGreaterThan(3L * CHUNK_SIZE);
    }

    @BeforeEach
    void processorsAreRunningAndCaughtUp() {
        assertThat(PROCESSORS)
                .allSatisfy(name -> assertThat(processor(name).isRunning()).isTrue());
        awaitBoth();
    }

    @Test
    void rebuildsExactlyTheRowsTheProcessorsWroteLive() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        assertThat(live.get("token_dashboard")).hasSizeGreaterThanOrEqualTo(7);
        assertThat(live.get("audit_event")).hasSize((int) eventCount());
        List<String> indexes = indexDefinitions();
        assertThat(indexes).hasSizeGreaterThan(QUERY_ONLY_INDEXES.size());

        resetBoth();
        assertThat(projectionRows())
                .allSatisfy((table, rows) ->
                        assertThat(rows).as(table + " after the reset").isEmpty());
        boolean inBulk;
        Map<String, List<String>> rebuilt;
        List<Object> indexesWhileHandling;
        handled.probe(this::queryOnlyIndexesPresent);
        try {
            inBulk = replay.catchUp(PROCESSORS, 0);
            indexesWhileHandling = handled.probed();
            rebuilt = projectionRows();
        } finally {
            handled.probe(null);
            startBoth();
        }

        assertThat(inBulk).isTrue();
        assertThat(indexesWhileHandling)
                .as("query-only indexes present while a replay from the first event handled the events")
                .hasSize(2 * (int) eventCount())
                .containsOnly(List.of());
        assertThat(indexDefinitions()).as("every index, after the replay").isEqualTo(indexes);
        assertThat(count("projection_deferred_index"))
                .as("indexes left to build")
                .isZero();
        assertThat(rebuilt).isEqualTo(live);
        assertThat(projectionRows()).as("after the processors started again").isEqualTo(live);
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    @Test
    void storesPositionsFromWhichTheProcessorsHandleEachLaterEventOnce() {
        long usesBefore = useCount(A_SUCCESSOR);
        resetBoth();
        boolean inBulk;
        long head = head();
        Map<String, List<String>> owners = new LinkedHashMap<>();
        Map<String, List<TrackingToken>> positions = new LinkedHashMap<>();
        try {
            inBulk = replay.catchUp(PROCESSORS, 0);
            PROCESSORS.forEach(name -> owners.put(name, owners(name)));
            PROCESSORS.forEach(name -> positions.put(name, storedTokens(name)));
        } finally {
            startBoth();
        }

        assertThat(inBulk).isTrue();
        assertThat(owners)
                .allSatisfy((name, owner) -> assertThat(owner)
                        .as("claims of %s, released", name)
                        .hasSize(4)
                        .containsOnlyNulls());
        assertThat(positions)
                .allSatisfy((name, tokens) -> assertThat(tokens)
                        .as("positions of %s", name)
                        .containsOnly(GapAwareTrackingToken.newInstance(head, new TreeSet<>())));

        history.use(A_SUCCESSOR, TENANT_A, 11, T0.plus(Duration.ofDays(4)), "198.51.100.11");
        create(B_LATER, TENANT_B, "Later", Scope.READ_ONLY, "user:bob");
        history.revoke(B_SUCCESSOR, TENANT_B, "done", T0.plus(Duration.ofDays(4)), "user:bob");
        history.publish(
                new NotificationSettingsChangedEvent(TENANT_B, List.of(), null, false, T0.plus(Duration.ofDays(4))),
                TokenHistory.requestMetadata("user:bob", "203.0.113.20", "req-later"));
        awaitBoth();

        Map<String, Integer> everyEventOnce = new LinkedHashMap<>();
        eventIdentifiers().forEach(id -> everyEventOnce.put(id, 1));
        assertThat(handled.counts(TokenHistory.DASHBOARD)).isEqualTo(everyEventOnce);
        assertThat(handled.counts(TokenHistory.AUDIT)).isEqualTo(everyEventOnce);
        assertThat(jdbc.sql("SELECT id FROM audit_event ORDER BY id")
                        .query(Long.class)
                        .list())
                .as("one entry per event")
                .isEqualTo(jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                        .query(Long.class)
                        .list());
        assertThat(useCount(A_SUCCESSOR)).isEqualTo(usesBefore + 11);
        assertThat(jdbc.sql("SELECT status FROM token_dashboard WHERE token_id = ?")
                        .param(B_SUCCESSOR.value())
                        .query(String.class)
                        .single())
                .isEqualTo("revoked");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_token WHERE token_id = ?")
                        .param(B_LATER.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    /**
     * The audit trail streams a page's entries into a COPY while its events are handled: a failure in the middle of a
     * page abandons the COPY and rolls the page back, and the processor goes on from the last page committed.
     */
    @Test
    void commitsNothingOfAPageWhoseHandlingFailsAndTheProcessorGoesOnFromTheLastPageCommitted() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        List<Long> indexes = jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                .query(Long.class)
                .list();
        List<String> indexDefinitions = indexDefinitions();
        resetBoth();
        handled.failOn(eventIdentifiers().get(CHUNK_SIZE + 2));
        Throwable failure;
        List<Long> entries;
        List<TrackingToken> positions;
        try {
            failure = catchThrowable(() -> replay.catchUp(List.of(TokenHistory.AUDIT), 0));
            entries = jdbc.sql("SELECT id FROM audit_event ORDER BY id")
                    .query(Long.class)
                    .list();
            positions = storedTokens(TokenHistory.AUDIT);
        } finally {
            handled.failOn(null);
            startBoth();
        }

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[" + TokenHistory.AUDIT + "]")
                .hasRootCauseMessage(
                        "Failing on purpose at event [" + eventIdentifiers().get(CHUNK_SIZE + 2) + "]");
        assertThat(entries).as("entries of the first page only").isEqualTo(indexes.subList(0, CHUNK_SIZE));
        assertThat(positions)
                .as("positions of the audit processor")
                .hasSize(4)
                .allSatisfy(token -> assertThat(token.position()).hasValue(indexes.get(CHUNK_SIZE - 1)));
        assertThat(indexDefinitions())
                .as("every index, built after the failure")
                .isEqualTo(indexDefinitions);
        assertThat(count("projection_deferred_index"))
                .as("indexes left to build")
                .isZero();
        assertThat(projectionRows()).as("after the processors went on").isEqualTo(live);
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    /**
     * A node that stopped a few events before the head replays those alone, into tables that hold everything before
     * them: the query-only indexes stay, as building them again would cost more than keeping them up to date.
     */
    @Test
    void keepsTheQueryOnlyIndexesWhenTheReplayStartsAfterTheFirstEvent() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        PROCESSORS.forEach(name -> processor(name).shutDown());
        long from = head() - 5;
        for (String name : PROCESSORS) {
            for (int segment : segments(name)) {
                transactionManager.executeInTransaction(() -> {
                    tokenStore.fetchToken(name, segment);
                    tokenStore.storeToken(GapAwareTrackingToken.newInstance(from, new TreeSet<>()), name, segment);
                    tokenStore.releaseClaim(name, segment);
                });
            }
        }
        boolean inBulk;
        List<Object> indexesWhileHandling;
        handled.probe(this::queryOnlyIndexesPresent);
        try {
            inBulk = replay.catchUp(PROCESSORS, 0);
            indexesWhileHandling = handled.probed();
        } finally {
            handled.probe(null);
            startBoth();
        }

        assertThat(inBulk).isTrue();
        assertThat(indexesWhileHandling)
                .as("query-only indexes present while each of the last 5 events was handled by both projections")
                .hasSize(2 * 5)
                .containsOnly(QUERY_ONLY_INDEXES);
        assertThat(projectionRows()).isEqualTo(live);
    }

    /**
     * The dashboard holds its changes across pages, two here, and writes them just before the replay stores its
     * position: when the write of the second pair of pages fails (a trigger refuses the expiry, the history's
     * 28th event), what the first pair wrote stays, with the positions after it, and the processor goes on from there.
     */
    @Test
    void holdsTheDashboardsChangesAcrossPagesUntilItStoresItsPosition() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        List<Long> indexes = jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                .query(Long.class)
                .list();
        assertThat(rows("SELECT payloadtype FROM domainevententry ORDER BY globalindex"))
                .as("the history's events, by type")
                .hasSizeGreaterThan(4 * CHUNK_SIZE)
                .element(4 * CHUNK_SIZE - 1)
                .isEqualTo(TokenExpiredEvent.class.getName());
        resetBoth();
        jdbc.sql("""
                        CREATE FUNCTION refuse_on_purpose() RETURNS trigger LANGUAGE plpgsql
                        AS $$ BEGIN RAISE EXCEPTION 'Refusing on purpose the expiry of %', NEW.name; END $$""").update();
        jdbc.sql("""
                        CREATE TRIGGER refuse_expiry BEFORE UPDATE ON token_dashboard FOR EACH ROW
                        WHEN (NEW.status = 'expired') EXECUTE FUNCTION refuse_on_purpose()""").update();
        handled.probe(HandlingRecorder.committedRows(dataSource, "token_dashboard"));
        Throwable failure;
        List<Object> rowsWhileHandling;
        List<TrackingToken> positions;
        long rowsAfterTheFailure;
        try {
            failure = catchThrowable(() -> replay.catchUp(List.of(TokenHistory.DASHBOARD), 0));
            rowsWhileHandling = handled.probed();
            positions = storedTokens(TokenHistory.DASHBOARD);
            rowsAfterTheFailure = count("token_dashboard");
        } finally {
            handled.probe(null);
            jdbc.sql("DROP TRIGGER refuse_expiry ON token_dashboard").update();
            jdbc.sql("DROP FUNCTION refuse_on_purpose()").update();
            startBoth();
        }

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[" + TokenHistory.DASHBOARD + "]")
                .hasStackTraceContaining("Refusing on purpose the expiry of Short-lived");
        assertThat(rowsWhileHandling).as("events handled").hasSize(4 * CHUNK_SIZE);
        assertThat(rowsWhileHandling.subList(0, 2 * CHUNK_SIZE))
                .as("dashboard rows committed while the first two pages were handled")
                .containsOnly(0L);
        assertThat(rowsWhileHandling.subList(2 * CHUNK_SIZE, 4 * CHUNK_SIZE))
                .as("while the next two were")
                .containsOnly(rowsAfterTheFailure);
        assertThat(rowsAfterTheFailure).isPositive();
        assertThat(positions)
                .as("positions of the dashboard processor")
                .hasSize(4)
                .allSatisfy(token -> assertThat(token.position()).hasValue(indexes.get(2 * CHUNK_SIZE - 1)));
        assertThat(projectionRows()).as("after the processors went on").isEqualTo(live);
    }

    /**
     * In a replay of both, the audit trail fails in the third page while the dashboard holds what it handled since its
     * last commit, after the second: each keeps the positions and rows of its last commit, the dashboard dropping what
     * it held, and the processors go on from there.
     */
    @Test
    void aFailureOfTheAuditTrailLeavesTheDashboardAtItsLastCommit() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        List<Long> indexes = jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                .query(Long.class)
                .list();
        resetBoth();
        // Both groups' recorders fail on it; only the audit trail's error handler propagates a failure.
        handled.failOn(eventIdentifiers().get(2 * CHUNK_SIZE + 2));
        Throwable failure;
        Map<String, List<TrackingToken>> positions = new LinkedHashMap<>();
        long dashboardRows;
        try {
            failure = catchThrowable(() -> replay.catchUp(PROCESSORS, 0));
            PROCESSORS.forEach(name -> positions.put(name, storedTokens(name)));
            dashboardRows = count("token_dashboard");
        } finally {
            handled.failOn(null);
            startBoth();
        }

        assertThat(failure).hasMessageContaining("[" + TokenHistory.AUDIT + "]");
        assertThat(positions)
                .allSatisfy((name, tokens) -> assertThat(tokens)
                        .as("positions of %s", name)
                        .hasSize(4)
                        .allSatisfy(token -> assertThat(token.position()).hasValue(indexes.get(2 * CHUNK_SIZE - 1))));
        assertThat(dashboardRows).as("dashboard rows of the first commit").isPositive();
        assertThat(projectionRows()).as("after the processors went on").isEqualTo(live);
        assertChainIntact(TENANT_A);
        assertChainIntact(TENANT_B);
    }

    @Test
    void replaysForProcessorsThatNeverRan() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        resetBoth();
        // As on a database the processors have never run on: no segments, and empty tables (the reset's doing).
        jdbc.sql("DELETE FROM tokenentry WHERE processorname IN (?, ?)")
                .params(PROCESSORS.get(0), PROCESSORS.get(1))
                .update();
        boolean inBulk;
        Map<String, List<String>> rebuilt;
        long head = head();
        Map<String, List<TrackingToken>> positions = new LinkedHashMap<>();
        try {
            inBulk = replay.catchUp(PROCESSORS, 0);
            rebuilt = projectionRows();
            PROCESSORS.forEach(name -> positions.put(name, storedTokens(name)));
        } finally {
            startBoth();
        }

        assertThat(inBulk).isTrue();
        assertThat(rebuilt).isEqualTo(live);
        assertThat(positions)
                .allSatisfy((name, tokens) -> assertThat(tokens)
                        .as("positions of %s, in as many segments as configured", name)
                        .hasSize(4)
                        .containsOnly(GapAwareTrackingToken.newInstance(head, new TreeSet<>())));
        assertThat(projectionRows()).as("after the processors started").isEqualTo(live);
    }

    @Test
    void changesNothingWhenAnotherNodeHoldsASegment() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        StreamingEventProcessor audit = history.auditProcessor();
        audit.shutDown();
        audit.resetTokens();
        List<Integer> segments = segments(TokenHistory.AUDIT);
        int held = segments.get(segments.size() - 1);
        List<String> thisNode = owners(TokenHistory.AUDIT);
        assertThat(thisNode).as("the reset claims every segment").doesNotContainNull();
        // The last segment, so that the replay has claimed the others when it finds this one taken.
        jdbc.sql("UPDATE tokenentry SET owner = 'other-node', timestamp = ? WHERE processorname = ? AND segment = ?")
                .param(DateTimeUtils.formatInstant(Instant.now()))
                .param(TokenHistory.AUDIT)
                .param(held)
                .update();
        List<String> tokensBefore = tokenColumns(TokenHistory.AUDIT);

        try {
            assertThat(replay.catchUp(List.of(TokenHistory.AUDIT), 0)).isFalse();

            assertThat(tokenColumns(TokenHistory.AUDIT)).as("positions").isEqualTo(tokensBefore);
            List<String> owners = owners(TokenHistory.AUDIT);
            assertThat(owners.get(segments.size() - 1)).isEqualTo("other-node");
            assertThat(owners.subList(0, segments.size() - 1))
                    .as("the claims of this node, released")
                    .containsOnlyNulls();
            assertThat(count("audit_event")).isZero();
            assertThat(count("audit_chain_head")).isZero();
            assertThat(count("audit_token")).isZero();
            assertThat(handled.counts(TokenHistory.AUDIT)).as("events handled").isEmpty();
        } finally {
            jdbc.sql("UPDATE tokenentry SET owner = NULL WHERE processorname = ? AND segment = ?")
                    .param(TokenHistory.AUDIT)
                    .param(held)
                    .update();
            audit.start();
            history.awaitAudit();
        }
        assertThat(projectionRows()).as("rebuilt by the processor").isEqualTo(live);
    }

    @Test
    void changesNothingWhenTheBacklogIsBelowTheThreshold() {
        Map<String, List<String>> live = rowsRebuiltByTheProcessors();
        resetBoth();
        // How far the reset put the processors behind the head: the events 1 to head.
        long backlog = head() - tail();
        assertThat(backlog).isEqualTo(eventCount());
        Map<String, List<String>> tokensBefore = new LinkedHashMap<>();
        PROCESSORS.forEach(name -> tokensBefore.put(name, tokenColumns(name)));

        boolean belowThreshold;
        Map<String, List<String>> tokensAfter = new LinkedHashMap<>();
        Map<String, List<String>> rowsAfter;
        Map<String, Map<String, Integer>> handledAfter = new LinkedHashMap<>();
        boolean atThreshold;
        Map<String, List<String>> rowsInBulk;
        try {
            belowThreshold = replay.catchUp(PROCESSORS, backlog + 1);
            PROCESSORS.forEach(name -> tokensAfter.put(name, tokenColumns(name)));
            rowsAfter = projectionRows();
            PROCESSORS.forEach(name -> handledAfter.put(name, handled.counts(name)));
            atThreshold = replay.catchUp(PROCESSORS, backlog);
            rowsInBulk = projectionRows();
        } finally {
            startBoth();
        }

        assertThat(belowThreshold).isFalse();
        assertThat(tokensAfter).as("positions").isEqualTo(tokensBefore);
        assertThat(rowsAfter)
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
        assertThat(handledAfter)
                .allSatisfy((name, events) ->
                        assertThat(events).as("events handled by %s", name).isEmpty());
        assertThat(atThreshold).isTrue();
        assertThat(rowsInBulk).isEqualTo(live);
    }

    /**
     * The rows the processors themselves write from the whole history: the reference for a bulk replay, taken afresh
     * in each test so that no earlier test's replay has shaped it.
     */
    private Map<String, List<String>> rowsRebuiltByTheProcessors() {
        resetBoth();
        startBoth();
        return projectionRows();
    }

    private void create(TokenId tokenId, TenantId tenantId, String name, Scope scope, String actor) {
        history.create(TokenHistory.created(tokenId, tenantId, name, scope, T0, T0.plus(Duration.ofDays(30))), actor);
    }

    /** Uses of one token until the event after them is the last of a page of the bulk replay. */
    private void padUntilTheNextEventEndsAPage() {
        int window = 0;
        while ((head() + 1 - tail()) % CHUNK_SIZE != 0) {
            history.use(B_USED, TENANT_B, 1, T0.plus(Duration.ofHours(12).plusMinutes(++window)), "203.0.113.8");
        }
    }

    private void resetBoth() {
        PROCESSORS.forEach(name -> processor(name).shutDown());
        PROCESSORS.forEach(name -> processor(name).resetTokens());
    }

    private void startBoth() {
        PROCESSORS.forEach(name -> processor(name).start());
        awaitBoth();
    }

    private void awaitBoth() {
        history.awaitDashboard();
        history.awaitAudit();
    }

    private StreamingEventProcessor processor(String name) {
        return TokenHistory.DASHBOARD.equals(name) ? history.dashboardProcessor() : history.auditProcessor();
    }

    /** Every row of the projections' tables, every column as text, in a stable order. */
    private Map<String, List<String>> projectionRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("token_dashboard", rows("SELECT t::text FROM token_dashboard t ORDER BY token_id"));
        rows.put("audit_event", rows("SELECT t::text FROM audit_event t ORDER BY id"));
        rows.put("audit_chain_head", rows("SELECT t::text FROM audit_chain_head t ORDER BY tenant_id"));
        rows.put("audit_token", rows("SELECT t::text FROM audit_token t ORDER BY token_id"));
        return rows;
    }

    /**
     * Which of the query-only indexes exist, read on a connection of its own, outside the transaction of the handler
     * that asks.
     */
    private List<String> queryOnlyIndexesPresent() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT indexname FROM pg_indexes WHERE indexname = ANY (?) ORDER BY indexname")) {
            query.setArray(1, connection.createArrayOf("text", QUERY_ONLY_INDEXES.toArray()));
            List<String> present = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    present.add(row.getString(1));
                }
            }
            return present;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every index of the projections' tables, as PostgreSQL would create it again. */
    private List<String> indexDefinitions() {
        return rows("""
                SELECT indexdef FROM pg_indexes
                WHERE tablename IN ('token_dashboard', 'audit_event', 'audit_chain_head', 'audit_token')
                ORDER BY indexname""");
    }

    private List<String> rows(String query) {
        return jdbc.sql(query).query(String.class).list();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private long eventCount() {
        return count("domainevententry");
    }

    private List<String> eventIdentifiers() {
        return rows("SELECT eventidentifier FROM domainevententry ORDER BY globalindex");
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry")
                .query(Long.class)
                .single();
    }

    /** Where a reset puts the processors: just before the first event (Axon's tail token). */
    private long tail() {
        return jdbc.sql("SELECT coalesce(min(globalindex), 1) - 1 FROM domainevententry")
                .query(Long.class)
                .single();
    }

    private long useCount(TokenId tokenId) {
        return jdbc.sql("SELECT use_count FROM token_dashboard WHERE token_id = ?")
                .param(tokenId.value())
                .query(Long.class)
                .single();
    }

    private List<Integer> segments(String processorName) {
        return jdbc.sql("SELECT segment FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(processorName)
                .query(Integer.class)
                .list();
    }

    private List<String> owners(String processorName) {
        return jdbc.sql("SELECT owner FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(processorName)
                .query(String.class)
                .list();
    }

    /** Each segment's stored position, as the token store keeps it. */
    private List<String> tokenColumns(String processorName) {
        return jdbc.sql("""
                        SELECT segment || ' ' || coalesce(tokentype, '-') || ' ' || coalesce(encode(token, 'hex'), '-')
                        FROM tokenentry WHERE processorname = ? ORDER BY segment""").param(processorName).query(String.class).list();
    }

    /** The positions stored in the processor's segments, read through the token store while it is stopped. */
    private List<TrackingToken> storedTokens(String processorName) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (int segment : segments(processorName)) {
            transactionManager.executeInTransaction(() -> {
                tokens.add(tokenStore.fetchToken(processorName, segment));
                tokenStore.releaseClaim(processorName, segment);
            });
        }
        return tokens;
    }

    private void assertChainIntact(TenantId tenant) {
        String admin = commandSide.pass(
                "replay-admin-" + tenant.value(), tenant, token("admin-" + tenant.value()), Scope.ADMIN);
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
        return new TokenId(UUID.nameUUIDFromBytes(("replay-" + name).getBytes(StandardCharsets.UTF_8)));
    }
}
