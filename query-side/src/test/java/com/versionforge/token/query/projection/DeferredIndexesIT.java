package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The query-only indexes a bulk replay from the first event drops ({@link DeferredIndexes}): listed when dropped,
 * built from the list by whoever comes next, identical to those the migrations created, and left in place when a query
 * holds their table.
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
        deferredIndexes.buildAll();
    }

    /** What a replay cut off by a crash leaves, and what the next node's start does with it. */
    @Test
    void buildsTheIndexesThatAReplayDroppedFromTheirListedDefinitions() {
        List<String> before = indexDefinitions();

        deferredIndexes.dropFor(List.of(TokenHistory.DASHBOARD));
        List<String> dropped = indexDefinitions();
        List<String> listed = jdbc.sql("SELECT index_name FROM projection_deferred_index ORDER BY index_name")
                .query(String.class)
                .list();
        deferredIndexes.buildAll();

        assertThat(listed).isEqualTo(DASHBOARD_QUERY_ONLY);
        assertThat(dropped)
                .as("the dashboard's other indexes and the audit trail's stay")
                .hasSize(before.size() - DASHBOARD_QUERY_ONLY.size())
                .isSubsetOf(before)
                .noneMatch(definition -> DASHBOARD_QUERY_ONLY.stream()
                        .anyMatch(name -> definition.startsWith("CREATE INDEX " + name + " ")));
        assertThat(indexDefinitions()).as("after building them").isEqualTo(before);
        assertThat(listedCount()).isZero();
    }

    @Test
    void dropsNothingOfAProcessorWithoutQueryOnlyIndexes() {
        List<String> before = indexDefinitions();

        deferredIndexes.dropFor(List.of("no-such-processor"));

        assertThat(indexDefinitions()).isEqualTo(before);
        assertThat(listedCount()).isZero();
    }

    /** A long read of the table (a CSV export, say) makes the replay keep the indexes rather than wait for it. */
    @Test
    void dropsNothingWhileAQueryHoldsTheTableLongerThanTheLockTimeout() throws Exception {
        List<String> before = indexDefinitions();
        long tookMillis;
        try (Connection reader = dataSource.getConnection();
                Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.execute("LOCK TABLE token_dashboard IN ACCESS SHARE MODE");
            long started = System.nanoTime();
            deferredIndexes.dropFor(List.of(TokenHistory.DASHBOARD, TokenHistory.AUDIT));
            tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            reader.rollback();
        }

        assertThat(indexDefinitions()).as("every index, the audit trail's too").isEqualTo(before);
        assertThat(listedCount()).isZero();
        assertThat(tookMillis).as("waited for the lock, in ms").isGreaterThanOrEqualTo(4_900);
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
