package com.versionforge.token.query.projection;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares the segments of each event processor among the query-side nodes on one database. Axon Framework balances
 * segments only through Axon Server: on its own, the first node claims every segment it has threads for, and a node
 * started later finds nothing left to claim. So each node announces itself in {@code query_side_node}, and one that
 * holds more than its share (the processor's segments divided by the nodes present, rounded up) releases one segment
 * a round, for a moment, which an idle thread of another node then claims.
 *
 * <p>A node that stops announcing itself, killed say, drops out of the count before Axon lets its claims be taken
 * over ({@link SegmentBalancingProperties#nodeTimeout()}), so the survivors claim its segments and keep them. Releasing
 * a segment loses nothing: its worker stops after the batch in hand, whose token commits with its writes.
 */
@Component
class SegmentBalancer {

    private static final Logger logger = LoggerFactory.getLogger(SegmentBalancer.class);

    // Axon's own default node id of a token store, so that an announcement names the owner its claims show.
    private static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final JdbcClient jdbc;
    private final SegmentBalancingProperties properties;

    SegmentBalancer(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            TransactionManager transactionManager,
            JdbcClient jdbc,
            SegmentBalancingProperties properties) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Announces this node, then gives up a segment of each processor of which it holds more than its share. */
    @Scheduled(fixedDelayString = "${vf.projections.balancing.interval:1s}")
    void balance() {
        int nodes = announce();

        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::isRunning)
                .forEach(processor -> balance(processor, nodes));
    }

    /** Leaves at once on a graceful stop, so that the others need not wait for the node timeout to take over. */
    @PreDestroy
    void withdraw() {
        jdbc.sql("DELETE FROM query_side_node WHERE node_id = ?").param(NODE_ID).update();
    }

    /** How many segments of {@code segments} a node holds at most when {@code nodes} share them. */
    static int shareOf(int segments, int nodes) {
        int sharing = Math.max(nodes, 1);
        return (segments + sharing - 1) / sharing;
    }

    private int announce() {
        jdbc.sql("""
                        INSERT INTO query_side_node (node_id, seen_at) VALUES (?, now())
                        ON CONFLICT (node_id) DO UPDATE SET seen_at = now()""").param(NODE_ID).update();
        // Nodes gone for a day are forgotten, so that the table stays as small as the deployment.
        jdbc.sql("DELETE FROM query_side_node WHERE seen_at < now() - interval '1 day'")
                .update();
        return jdbc.sql("SELECT count(*) FROM query_side_node WHERE seen_at > now() - make_interval(secs => ?)")
                .param(properties.nodeTimeout().toMillis() / 1000.0)
                .query(Integer.class)
                .single();
    }

    private void balance(StreamingEventProcessor processor, int nodes) {
        int segments =
                transactionManager.fetchInTransaction(() -> tokenStore.fetchSegments(processor.getName())).length;
        Set<Integer> held = processor.processingStatus().keySet();
        int share = shareOf(segments, nodes);
        if (held.size() <= share) {
            return;
        }
        int released = held.stream().max(Comparator.naturalOrder()).orElseThrow();
        logger.info(
                "Releasing segment [{}] of processor [{}]: this node holds {} of {} segments, {} nodes share them",
                released,
                processor.getName(),
                held.size(),
                segments,
                nodes);
        processor.releaseSegment(released, properties.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
    }
}
