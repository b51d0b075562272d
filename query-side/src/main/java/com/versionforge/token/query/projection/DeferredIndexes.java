package com.versionforge.token.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drops the {@link QueryOnlyIndexes} of projections about to be replayed from the first event, and builds them again
 * afterwards. An index is dropped in the transaction that lists its definition, as PostgreSQL reports it, in {@code
 * projection_deferred_index}, so at any time it either exists or is listed, and {@link #buildAll} builds whatever is
 * listed, whoever dropped it: the replay at its end, failed or not; every node at its start and every
 * {@code vf.projection.replay.index-check-interval}, which catches a replay cut off by a crash.
 *
 * <p>While a replay runs, the node replaying holds a PostgreSQL advisory lock per processor on a connection of its
 * own, and the others leave that processor's indexes alone; the lock goes with the connection, so a crash frees it.
 * Queries find the same rows meanwhile, only more slowly.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class DeferredIndexes {

    private static final Logger logger = LoggerFactory.getLogger(DeferredIndexes.class);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    // The first key of the advisory locks, the processor name's hash the second: "replaying in bulk".
    private static final int REPLAY_LOCK = 0x7666_7270;
    private static final String TAKE_REPLAY_LOCK = "SELECT pg_advisory_lock(" + REPLAY_LOCK + ", hashtext(?))";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    private final List<QueryOnlyIndexes> declared;

    DeferredIndexes(
            DataSource dataSource,
            JdbcTemplate jdbc,
            TransactionManager transactionManager,
            List<QueryOnlyIndexes> declared) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.declared = List.copyOf(declared);
    }

    /**
     * Takes the processors' replay locks and drops their query-only indexes that exist, listing them, in one
     * transaction; or none, if a query holds one of their tables for longer than {@link #LOCK_TIMEOUT} (a long CSV
     * export, say). Closing the result releases the locks and builds every listed index.
     */
    Deferral deferFor(Collection<String> processors) {
        Deferral deferral = new Deferral(processors);
        try {
            List<QueryOnlyIndexes> deferred = declared.stream()
                    .filter(projection -> processors.contains(projection.processor()))
                    .toList();
            if (!deferred.isEmpty()) {
                try {
                    transactionManager.executeInTransaction(() -> dropListing(deferred));
                    logger.info("Dropped the query-only indexes of {} until the end of the replay", processors);
                } catch (DataAccessException e) {
                    logger.warn(
                            "Replaying {} with its query-only indexes in place: could not drop them", processors, e);
                }
            }
            return deferral;
        } catch (RuntimeException e) {
            deferral.close();
            throw e;
        }
    }

    private void dropListing(List<QueryOnlyIndexes> deferred) {
        // Dropping waits for the queries on the table, and every query after it waits for the drop.
        jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
        for (QueryOnlyIndexes projection : deferred) {
            for (String index : projection.indexes()) {
                List<String> definition = jdbc.queryForList(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?",
                        String.class,
                        index);
                if (!definition.isEmpty()) {
                    jdbc.update("""
                            INSERT INTO projection_deferred_index (index_name, processor, definition) VALUES (?, ?, ?)
                            ON CONFLICT (index_name) DO UPDATE SET processor = excluded.processor,
                                definition = excluded.definition""", index, projection.processor(), definition.get(0));
                    jdbc.execute("DROP INDEX " + quoted(index));
                }
            }
        }
    }

    /** Builds what a replay cut off by a crash left listed, unless a replay is running. */
    @Scheduled(
            initialDelayString = "${vf.projection.replay.index-check-interval}",
            fixedDelayString = "${vf.projection.replay.index-check-interval}")
    void buildLeftovers() {
        buildAll();
    }

    /**
     * Builds every listed index of a processor that no node is replaying, each in a transaction of its own that first
     * locks its row: a node that finds the row gone once it holds the lock leaves the index to the node that built it.
     * An index that cannot be built stays listed, and the others are built all the same.
     */
    void buildAll() {
        List<String> listed =
                jdbc.queryForList("SELECT index_name FROM projection_deferred_index ORDER BY index_name", String.class);
        for (String index : listed) {
            try {
                build(index);
            } catch (RuntimeException e) {
                logger.warn("Could not build index [{}]; it stays listed in projection_deferred_index", index, e);
            }
        }
    }

    private void build(String index) {
        long started = System.nanoTime();
        boolean built = transactionManager.fetchInTransaction(() -> {
            List<String> definition = jdbc.queryForList("""
                    SELECT definition FROM projection_deferred_index
                    WHERE index_name = ? AND pg_try_advisory_xact_lock(%d, hashtext(processor))
                    FOR UPDATE""".formatted(REPLAY_LOCK), String.class, index);
            if (definition.isEmpty()) {
                return false; // built meanwhile, or its processor is being replayed
            }
            if (!definition.get(0).startsWith("CREATE ") || !definition.get(0).contains(" INDEX ")) {
                throw new IllegalStateException("Not an index definition: " + definition.get(0));
            }
            boolean exists = !jdbc.queryForList(
                            "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?",
                            Integer.class,
                            index)
                    .isEmpty();
            if (!exists) {
                jdbc.execute(definition.get(0));
            }
            jdbc.update("DELETE FROM projection_deferred_index WHERE index_name = ?", index);
            return !exists;
        });
        if (built) {
            logger.info("Built index [{}] in {} ms", index, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The replay locks of some processors, held on a connection of their own until closed. */
    final class Deferral implements AutoCloseable {

        private final Connection connection;

        private Deferral(Collection<String> processors) {
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not take the replay locks of " + processors, e);
            }
            try (PreparedStatement lock = connection.prepareStatement(TAKE_REPLAY_LOCK)) {
                for (String processor : processors) {
                    lock.setString(1, processor);
                    lock.execute();
                }
            } catch (SQLException e) {
                closeConnection();
                throw new IllegalStateException("Could not take the replay locks of " + processors, e);
            }
        }

        /** Releases the locks (closing the connection ends its session's locks) and builds every listed index. */
        @Override
        public void close() {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            } catch (SQLException e) {
                logger.warn("Could not release the replay locks; they go when the connection does", e);
            } finally {
                closeConnection();
            }
            buildAll();
        }

        private void closeConnection() {
            try {
                connection.close();
            } catch (SQLException e) {
                logger.warn("Could not close the connection of the replay locks", e);
            }
        }
    }
}
