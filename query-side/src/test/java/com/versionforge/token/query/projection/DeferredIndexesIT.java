package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The query-only indexes a bulk replay from the first event drops ({@link DeferredIndexes}): listed when dropped, left
 * alone by other nodes while the replay holds its lock, built from the list by whoever comes next, identical to those
 * the migrations created, and left in place when a query holds their table.
 */
@QuerySideIntegrationTest
class DeferredIndexesIT {

    private static final List<String> DASHBOARD_QUERY_ONLY = List.of(
            "token_dashboard_created", "token_dashboard_expires", "token_dashboard_last_used", "token_dashboard_name");

    @Autowired
    private DeferredIndexes deferredIndexes;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @AfterEach
    void indexesBuiltAgain() {
        jdbc.sql("DELETE FROM projection_deferred_index WHERE index_name = 'no_such_index'")
                .update();
        deferredIndexes.buildAll();
    }

    @Test
    void dropsAProcessorsIndexesUntilTheReplayEndsAndBuildsThemFromTheirListedDefinitions() {
        List<String> before = indexDefinitions();
        List<String> dropped;
        List<String> listed;
        List<String> afterAnotherNodeLooked;
        try (DeferredIndexes.Deferral replaying = deferredIndexes.deferFor(List.of(TokenHistory.DASHBOARD))) {
            dropped = indexDefinitions();
            listed = jdbc.sql("SELECT index_name || ' ' || processor FROM projection_deferred_index ORDER BY 1")
                    .query(String.class)
                    .list();
            // What another node's start, or its periodic check, does meanwhile.
            deferredIndexes.buildAll();
            afterAnotherNodeLooked = indexDefinitions();
        }

        assertThat(listed)
                .isEqualTo(DASHBOARD_QUERY_ONLY.stream()
                        .map(index -> index + " " + TokenHistory.DASHBOARD)
                        .toList());
        assertThat(dropped)
                .as("the dashboard's other indexes and the audit trail's stay")
                .hasSize(before.size() - DASHBOARD_QUERY_ONLY.size())
                .isSubsetOf(before)
                .noneMatch(definition -> DASHBOARD_QUERY_ONLY.stream()
                        .anyMatch(name -> definition.startsWith("CREATE INDEX " + name + " ")));
        assertThat(afterAnotherNodeLooked).as("while the replay holds its lock").isEqualTo(dropped);
        assertThat(indexDefinitions()).as("after the replay").isEqualTo(before);
        assertThat(listedCount()).isZero();
    }

    /** What a replay cut off by a crash leaves (its lock went with its connection), and what comes next. */
    @Test
    void buildsWhatAReplayCutOffLeftListedAndGoesOnPastAnIndexThatCannotBeBuilt() {
        List<String> before = indexDefinitions();
        jdbc.sql("""
                        INSERT INTO projection_deferred_index
                        SELECT indexname, 'audit', indexdef FROM pg_indexes
                        WHERE indexname = 'audit_event_tenant_token'
                        UNION ALL
                        SELECT 'no_such_index', 'audit', 'CREATE INDEX no_such_index ON no_such_table (x)'""").update();
        jdbc.sql("DROP INDEX audit_event_tenant_token").update();

        deferredIndexes.buildLeftovers();

        assertThat(indexDefinitions()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT index_name FROM projection_deferred_index")
                        .query(String.class)
                        .list())
                .as("still listed")
                .containsExactly("no_such_index");
    }

    @Test
    void dropsNothingOfAProcessorWithoutQueryOnlyIndexes() {
        List<String> before = indexDefinitions();
        List<String> during;
        try (DeferredIndexes.Deferral replaying = deferredIndexes.deferFor(List.of("no-such-processor"))) {
            during = indexDefinitions();
        }

        assertThat(during).isEqualTo(before);
        assertThat(listedCount()).isZero();
    }

    /** A long read of a table (a CSV export, say) makes the replay keep the indexes rather than wait for it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void dropsNothingWhileAQueryHoldsATableLongerThanTheLockTimeout() throws Exception {
        List<String> before = indexDefinitions();
        List<String> during;
        long tookMillis;
        try (Connection reader = dataSource.getConnection();
                Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            // The table the audit trail's index belongs to, whichever projection's indexes are dropped first.
            statement.execute("LOCK TABLE audit_event IN ACCESS SHARE MODE");
            long started = System.nanoTime();
            try (DeferredIndexes.Deferral replaying =
                    deferredIndexes.deferFor(List.of(TokenHistory.DASHBOARD, TokenHistory.AUDIT))) {
                tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                during = indexDefinitions();
            } finally {
                reader.rollback();
            }
        }

        assertThat(during).as("every index, the dashboard's too").isEqualTo(before);
        assertThat(listedCount()).isZero();
        assertThat(tookMillis).as("waited for the lock, in ms").isGreaterThanOrEqualTo(4_900);
        assertThat(jdbc.sql("SHOW lock_timeout").query(String.class).single())
                .as("the lock timeout, on a connection of the pool afterwards")
                .isEqualTo("0");
    }

    private long listedCount() {
        return jdbc.sql("SELECT count(*) FROM projection_deferred_index")
                .query(Long.class)
                .single();
    }

    private List<String> indexDefinitions() {
        return jdbc.sql("""
                        SELECT indexdef FROM pg_indexes
                        WHERE tablename IN ('token_dashboard', 'audit_event', 'audit_chain_head', 'audit_token')
                        ORDER BY indexname""").query(String.class).list();
    }
}
