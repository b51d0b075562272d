package com.versionforge.token.query.projection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Drops the {@link QueryOnlyIndexes} of projections about to be replayed from the first event, and builds them again
 * afterwards. An index is dropped in the transaction that lists its definition, as PostgreSQL reports it, in {@code
 * projection_deferred_index}, so at any time it either exists or is listed; {@link #buildAll} builds whatever is
 * listed, whoever dropped it. A replay calls it at its end, failed or not, and a node at its start, which catches a
 * replay cut off by a crash. Queries find the same rows meanwhile, only more slowly.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class DeferredIndexes {

    private static final Logger logger = LoggerFactory.getLogger(DeferredIndexes.class);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    private final List<QueryOnlyIndexes> declared;

    DeferredIndexes(JdbcTemplate jdbc, TransactionManager transactionManager, List<QueryOnlyIndexes> declared) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.declared = List.copyOf(declared);
    }

    /**
     * Drops the query-only indexes of those processors that exist, listing them, in one transaction; or none, if a
     * query holds one of their tables for longer than {@link #LOCK_TIMEOUT} (a long CSV export, say).
     */
    void dropFor(Collection<String> processors) {
        List<String> indexes = declared.stream()
                .filter(projection -> processors.contains(projection.processor()))
                .flatMap(projection -> projection.indexes().stream())
                .toList();
        if (indexes.isEmpty()) {
            return;
        }
        try {
            transactionManager.executeInTransaction(() -> dropListing(indexes));
        } catch (DataAccessException e) {
            logger.warn("Replaying with indexes {} in place: could not drop them", indexes, e);
            return;
        }
        logger.info("Dropped indexes {} until the end of the replay", indexes);
    }

    private void dropListing(List<String> indexes) {
        // Dropping waits for the queries on the table, and every query after it waits for the drop.
        jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
        for (String index : indexes) {
            List<String> definition = jdbc.queryForList(
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?",
                    String.class,
                    index);
            if (!definition.isEmpty()) {
                jdbc.update(
                        "INSERT INTO projection_deferred_index (index_name, definition) VALUES (?, ?)"
                                + " ON CONFLICT (index_name) DO NOTHING",
                        index,
                        definition.get(0));
                jdbc.execute("DROP INDEX " + quoted(index));
            }
        }
    }

    /**
     * Builds every listed index, each in a transaction of its own that first locks its row: a node that finds the row
     * gone once it holds the lock leaves the index to the node that built it.
     */
    void buildAll() {
        List<String> listed =
                jdbc.queryForList("SELECT index_name FROM projection_deferred_index ORDER BY index_name", String.class);
        for (String index : listed) {
            long started = System.nanoTime();
            boolean built = transactionManager.fetchInTransaction(() -> {
                List<String> definition = jdbc.queryForList(
                        "SELECT definition FROM projection_deferred_index WHERE index_name = ? FOR UPDATE",
                        String.class,
                        index);
                if (definition.isEmpty()) {
                    return false;
                }
                jdbc.execute(definition.get(0));
                jdbc.update("DELETE FROM projection_deferred_index WHERE index_name = ?", index);
                return true;
            });
            if (built) {
                logger.info("Built index [{}] in {} ms", index, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
