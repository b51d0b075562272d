package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * In a bulk replay the dashboard holds the rows its events changed, not the events, and stores its position once it
 * holds {@code vf.projection.replay.dashboard-rows-per-commit} rows, however few events it handled since the last
 * time: what it holds in memory is bounded by rows as well as by events. Its own context, so its own event store: the
 * pages below are the whole history.
 */
@QuerySideIntegrationTest
@TestPropertySource(
        properties = {
            "vf.projection.replay.chunk-size=3",
            "vf.projection.replay.dashboard-events-per-commit=1000",
            "vf.projection.replay.dashboard-rows-per-commit=4"
        })
@Import(HandlingRecorder.InBothProjections.class)
class DashboardHeldRowsIT {

    private static final TenantId TENANT = new TenantId("held-rows");
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(10));

    @Autowired
    private TokenHistory history;

    @Autowired
    private ProjectionReplay replay;

    @Autowired
    private HandlingRecorder handled;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    /**
     * Pages of three: three creations; two more and a use of the first token, whose row the dashboard holds since the
     * first page; three more uses of it. The first page leaves three rows held, the second five, past the bound of
     * four, so the dashboard commits after it, though its events are far below the thousand per commit; the last page
     * commits as every last page does.
     */
    @Test
    void storesItsPositionAfterThePageAtWhichItHoldsAsManyRowsAsItMay() {
        List<TokenId> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TokenId token = new TokenId(UUID.randomUUID());
            tokens.add(token);
            history.create(
                    TokenHistory.created(token, TENANT, "Held " + i, Scope.READ_ONLY, T0, T0.plus(Duration.ofDays(30))),
                    "user:alice");
        }
        for (int window = 1; window <= 4; window++) {
            history.use(tokens.get(0), TENANT, 2, T0.plus(Duration.ofHours(window)), "198.51.100." + window);
        }
        history.awaitDashboard();
        // The recorder probes in both groups: the audit trail must be done with these events too.
        history.awaitAudit();
        List<String> live = dashboardRows();

        StreamingEventProcessor dashboard = history.dashboardProcessor();
        dashboard.shutDown();
        dashboard.resetTokens();
        List<Object> rowsWhileHandling;
        try {
            handled.probe(HandlingRecorder.committedRows(dataSource, "token_dashboard"));
            assertThat(replay.catchUp(List.of(TokenHistory.DASHBOARD), 0)).isTrue();
            rowsWhileHandling = handled.probed();
        } finally {
            handled.probe(null);
            dashboard.start();
        }
        history.awaitDashboard();

        assertThat(rowsWhileHandling)
                .as("dashboard rows committed while each event was handled")
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 5L, 5L, 5L);
        assertThat(dashboardRows()).as("rows rebuilt in bulk").isEqualTo(live);
        assertThat(jdbc.sql("SELECT use_count FROM token_dashboard WHERE token_id = ?")
                        .param(tokens.get(0).value())
                        .query(Long.class)
                        .single())
                .isEqualTo(8L);
    }

    private List<String> dashboardRows() {
        return jdbc.sql("SELECT t::text FROM token_dashboard t ORDER BY token_id")
                .query(String.class)
                .list();
    }
}
