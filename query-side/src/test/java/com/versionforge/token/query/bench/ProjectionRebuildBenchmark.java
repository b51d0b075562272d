package com.versionforge.token.query.bench;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.query.projection.ProjectionReplay;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stores N token events (system property {@code bench.events}, 100,000 by default) and measures, in one run, a raw
 * keyset scan of {@code domainevententry} against rebuilding the dashboard and the audit trail from those events, each
 * alone and both at once. Run by {@code bench/projection-rebuild.sh}; its name matches neither the unit nor the
 * integration test pattern, so the build never runs it.
 */
@QuerySideIntegrationTest
class ProjectionRebuildBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final int TOKENS = Math.max(1, EVENTS / 20);
    private static final int TENANTS = 20;
    private static final int PUBLISH_CHUNK = 1000;
    private static final int SCAN_PAGE = 1000;
    private static final int BULK_RUNS = Integer.getInteger("bench.bulkRuns", 4);
    private static final Instant START = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(60));
    private static final Path RESULTS = Path.of("target", "bench", "projection-rebuild.txt");

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenHistory history;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ProjectionReplay replay;

    @Test
    void measuresRebuildsAgainstARawScan() throws Exception {
        long stored = storeEvents();
        awaitHead(List.of(history.dashboardProcessor(), history.auditProcessor()));
        String auditBefore = auditFingerprint();
        List<String> indexesBefore = indexes();
        List<String> lines = new ArrayList<>();
        lines.add("events stored: %d (%d tokens, %d tenants); processor batch size: %s"
                .formatted(
                        stored,
                        TOKENS,
                        TENANTS,
                        System.getProperty("axon.eventhandling.processors.audit.batch-size", "250")));

        double scan = 0;
        for (int run = 1; run <= 3; run++) {
            double rate = rate(stored, rawScan());
            scan = Math.max(scan, rate);
            lines.add("raw keyset scan, run %d: %.0f rows/s".formatted(run, rate));
        }
        String dashboardBefore = dashboardFingerprint();
        if (!Boolean.getBoolean("bench.skipProcessors")) {
            double dashboard = rate(stored, rebuildByProcessors(List.of(history.dashboardProcessor())));
            double audit = rate(stored, rebuildByProcessors(List.of(history.auditProcessor())));
            double both =
                    rate(stored, rebuildByProcessors(List.of(history.dashboardProcessor(), history.auditProcessor())));
            lines.add("through the tracking processors, dashboard: %.0f events/s (%.3f of the raw scan)"
                    .formatted(dashboard, dashboard / scan));
            lines.add("through the tracking processors, audit: %.0f events/s (%.3f of the raw scan)"
                    .formatted(audit, audit / scan));
            lines.add("through the tracking processors, both at once: %.0f events/s (%.3f of the raw scan)"
                    .formatted(both, both / scan));
            lines.add(identical(auditBefore, dashboardBefore, indexesBefore));
        }
        Map<String, List<StreamingEventProcessor>> rebuilds = new LinkedHashMap<>();
        rebuilds.put("dashboard", List.of(history.dashboardProcessor()));
        rebuilds.put("audit", List.of(history.auditProcessor()));
        rebuilds.put("both at once", List.of(history.dashboardProcessor(), history.auditProcessor()));
        long postmaster = postmasterPid();
        // Run 1 warms the JIT up; the summary is the median of the others.
        Map<String, List<Double>> measured = new LinkedHashMap<>();
        for (int run = 1; run <= BULK_RUNS; run++) {
            for (Map.Entry<String, List<StreamingEventProcessor>> rebuild : rebuilds.entrySet()) {
                CpuTime cpuBefore = CpuTime.now(postmaster);
                double rate = rate(stored, rebuildInBulk(rebuild.getValue()));
                CpuTime cpu = CpuTime.now(postmaster).since(cpuBefore);
                if (run > 1) {
                    measured.computeIfAbsent(rebuild.getKey(), key -> new ArrayList<>())
                            .add(rate);
                }
                lines.add(
                        "bulk replay run %d, %s: %.0f events/s (%.3f of the raw scan); CPU s, JVM %.2f, PostgreSQL %.2f"
                                .formatted(
                                        run,
                                        rebuild.getKey(),
                                        rate,
                                        rate / scan,
                                        cpu.jvmSeconds(),
                                        cpu.postgresSeconds()));
            }
            lines.add(identical(auditBefore, dashboardBefore, indexesBefore));
        }
        double bestScan = scan;
        measured.forEach((rebuild, rates) -> lines.add("bulk replay, %s, median of runs 2 to %d: %.0f events/s (%.3f)"
                .formatted(rebuild, BULK_RUNS, median(rates), median(rates) / bestScan)));

        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines);
        lines.forEach(line -> System.out.println("BENCH " + line));
    }

    /** Stores the events in chunks; each token is created, used in windows, and every tenth one revoked. */
    private long storeEvents() {
        List<DomainEventMessage<?>> chunk = new ArrayList<>(PUBLISH_CHUNK);
        long[] sequences = new long[TOKENS];
        TokenId[] tokens = new TokenId[TOKENS];
        long count = 0;
        for (int i = 0; i < TOKENS && count < EVENTS; i++, count++) {
            tokens[i] = new TokenId(UUID.randomUUID());
            TenantId tenant = tenant(i);
            Instant createdAt = START.plusSeconds(i);
            chunk.add(message(
                    tokens[i],
                    sequences[i]++,
                    TokenHistory.created(
                            tokens[i],
                            tenant,
                            "Token " + i,
                            Scope.values()[i % 3],
                            createdAt,
                            createdAt.plus(Duration.ofDays(90))),
                    "user:bench"));
            count = publishIfFull(chunk, count);
        }
        for (int i = 0; count < EVENTS; i = (i + 1) % TOKENS, count++) {
            boolean revoke = i % 10 == 9 && count >= EVENTS - TOKENS / 10;
            Instant at = START.plus(Duration.ofDays(1)).plusSeconds(count);
            Object payload = revoke
                    ? new TokenRevokedEvent(tokens[i], tenant(i), "benchmark", at)
                    : new TokenUsedEvent(tokens[i], tenant(i), 3, at.minusSeconds(30), at, "198.51.100.9", "bench");
            chunk.add(message(tokens[i], sequences[i]++, payload, AuditMetadata.tokenActor(tokens[i])));
            publishIfFull(chunk, count);
        }
        if (!chunk.isEmpty()) {
            eventStore.publish(chunk);
        }
        return jdbc.sql("SELECT count(*) FROM domainevententry")
                .query(Long.class)
                .single();
    }

    private long publishIfFull(List<DomainEventMessage<?>> chunk, long count) {
        if (chunk.size() == PUBLISH_CHUNK) {
            eventStore.publish(new ArrayList<>(chunk));
            chunk.clear();
        }
        return count;
    }

    private static DomainEventMessage<?> message(TokenId token, long sequence, Object payload, String actor) {
        return new GenericDomainEventMessage<>(
                TokenHistory.AGGREGATE_TYPE,
                token.toString(),
                sequence,
                payload,
                MetaData.with(AuditMetadata.ACTOR, actor).and(AuditMetadata.REQUEST_ID, "bench"));
    }

    private static TenantId tenant(int token) {
        return new TenantId("bench-" + token % TENANTS);
    }

    /** Reads every row and every column of the event table in pages, as a tracking processor's query does. */
    private Duration rawScan() throws SQLException {
        long started = System.nanoTime();
        long last = -1;
        long rows = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement page = connection.prepareStatement("""
                        SELECT globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                            payload, payloadrevision, payloadtype, timestamp
                        FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?""")) {
            int read;
            do {
                page.setLong(1, last);
                page.setInt(2, SCAN_PAGE);
                read = 0;
                try (ResultSet row = page.executeQuery()) {
                    while (row.next()) {
                        last = row.getLong(1);
                        row.getString(2);
                        row.getLong(3);
                        row.getString(4);
                        row.getString(5);
                        row.getBytes(6);
                        row.getBytes(7);
                        row.getString(8);
                        row.getString(9);
                        row.getString(10);
                        read++;
                    }
                }
                rows += read;
            } while (read == SCAN_PAGE);
        }
        if (rows == 0) {
            throw new IllegalStateException("The scan read nothing");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Resets the processors and waits until all of them have caught up with the head of the event store again. */
    private Duration rebuildByProcessors(List<StreamingEventProcessor> processors) throws InterruptedException {
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.forEach(StreamingEventProcessor::resetTokens);
        long started = System.nanoTime();
        processors.forEach(StreamingEventProcessor::start);
        awaitHead(processors);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Resets the processors and replays in bulk ({@link ProjectionReplay#catchUp}), as a node does at start, then starts
     * them and waits until they are at the head; timed like the processors' rebuild, without the reset itself.
     */
    private Duration rebuildInBulk(List<StreamingEventProcessor> processors) throws InterruptedException {
        List<String> names =
                processors.stream().map(StreamingEventProcessor::getName).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.forEach(StreamingEventProcessor::resetTokens);
        long started = System.nanoTime();
        boolean inBulk = replay.catchUp(names, 0);
        processors.forEach(StreamingEventProcessor::start);
        if (!inBulk) {
            throw new IllegalStateException("The rebuild of " + names + " did not run in bulk");
        }
        awaitHead(processors);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The embedded PostgreSQL's postmaster, from the first line of its pid file. */
    private long postmasterPid() throws IOException {
        String dataDirectory =
                jdbc.sql("SHOW data_directory").query(String.class).single();
        return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"))
                .get(0)
                .trim());
    }

    private String identical(String auditBefore, String dashboardBefore, List<String> indexesBefore) {
        return "audit rows identical: %s; dashboard rows identical: %s; indexes identical: %s"
                .formatted(
                        auditBefore.equals(auditFingerprint()),
                        dashboardBefore.equals(dashboardFingerprint()),
                        indexesBefore.equals(indexes()));
    }

    /** The definitions of every index of the projections' tables. */
    private List<String> indexes() {
        return jdbc.sql("""
                        SELECT indexdef FROM pg_indexes
                        WHERE tablename IN ('token_dashboard', 'audit_event', 'audit_token', 'audit_chain_head')
                        ORDER BY indexname""").query(String.class).list();
    }

    private void awaitHead(List<StreamingEventProcessor> processors) throws InterruptedException {
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!processors.stream().allMatch(processor -> isAt(processor, head))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The processors did not catch up within 30 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static boolean isAt(StreamingEventProcessor processor, long head) {
        return !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                        .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
    }

    /** Every audit row, summed up: equal before and after the rebuilds when the rebuilds are identical. */
    private String auditFingerprint() {
        Map<String, Object> row = jdbc.sql("""
                        SELECT count(*) AS entries, md5(string_agg(id || ':' || hash, ',' ORDER BY id)) AS digest
                        FROM audit_event""").query().singleRow();
        return row.get("entries") + "/" + row.get("digest");
    }

    /** Every dashboard row, summed up. */
    private String dashboardFingerprint() {
        Map<String, Object> row = jdbc.sql("""
                        SELECT count(*) AS tokens, md5(string_agg(d::text, ',' ORDER BY token_id)) AS digest
                        FROM token_dashboard d""").query().singleRow();
        return row.get("tokens") + "/" + row.get("digest");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double rate(long events, Duration took) {
        return events / (took.toNanos() / 1e9);
    }
}
