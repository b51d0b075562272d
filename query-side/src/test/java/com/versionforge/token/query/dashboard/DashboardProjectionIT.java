package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard is a pure function of the events: replaying them rebuilds it, and applying one twice is harmless. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardProjectionIT {

    private static final TenantId TENANT = new TenantId("projection-co");
    private static final TokenId REVOKED = new TokenId(UUID.fromString("f0000000-0000-4000-8000-000000000001"));
    private static final TokenId EXPIRED = new TokenId(UUID.fromString("f0000000-0000-4000-8000-000000000002"));
    private static final TokenId USED_OUT_OF_ORDER =
            new TokenId(UUID.fromString("f0000000-0000-4000-8000-000000000003"));
    private static final TokenId ROTATED = new TokenId(UUID.fromString("f0000000-0000-4000-8000-000000000004"));
    private static final TokenId SUCCESSOR = new TokenId(UUID.fromString("f0000000-0000-4000-8000-000000000005"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    private static final Instant GRACE_ENDS_AT = NOW.plus(Duration.ofDays(7));
    private static final Instant LATER_USE = NOW.minus(Duration.ofMinutes(5));
    private static final Instant EARLIER_USE = NOW.minus(Duration.ofHours(3));

    @Autowired
    private TokenHistory history;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private DashboardProjection projection;

    @Autowired
    private JdbcClient jdbc;

    @BeforeAll
    void givenTokensWithHistories() {
        history.create(
                TokenHistory.created(REVOKED, TENANT, "Revoked", Scope.ADMIN, NOW.minus(Duration.ofDays(9)), days(30)),
                "user:alice");
        history.use(REVOKED, TENANT, 10, NOW.minus(Duration.ofDays(2)), "192.0.2.1");
        history.use(REVOKED, TENANT, 5, NOW.minus(Duration.ofDays(1)), "192.0.2.2");
        history.revoke(REVOKED, TENANT, "rotated", NOW.minus(Duration.ofHours(1)), "user:bob");
        history.create(
                TokenHistory.created(
                        EXPIRED, TENANT, "Expired", Scope.READ_ONLY, NOW.minus(Duration.ofDays(40)), days(-1)),
                "user:alice");
        history.expire(EXPIRED, TENANT, days(-1));
        history.create(
                TokenHistory.created(
                        USED_OUT_OF_ORDER,
                        TENANT,
                        "Out of order",
                        Scope.READ_ONLY,
                        NOW.minus(Duration.ofDays(3)),
                        days(9)),
                "user:alice");
        history.use(USED_OUT_OF_ORDER, TENANT, 2, LATER_USE, "192.0.2.10");
        history.use(USED_OUT_OF_ORDER, TENANT, 3, EARLIER_USE, "192.0.2.20");
        history.create(
                TokenHistory.created(
                        ROTATED, TENANT, "Rotated", Scope.SYNC_TRIGGER, NOW.minus(Duration.ofDays(50)), days(10)),
                "user:alice");
        history.rotate(ROTATED, TENANT, SUCCESSOR, NOW, GRACE_ENDS_AT, "user:bob");
        history.create(
                TokenHistory.created(SUCCESSOR, TENANT, "Rotated", Scope.SYNC_TRIGGER, NOW, days(90)), "user:bob");
        history.awaitDashboard();
    }

    @Test
    void appliesEachEventOnceWithTheTimesAndActorsOfTheEvents() {
        Map<String, Object> row = row(REVOKED);

        assertThat(row.get("status")).isEqualTo("revoked");
        assertThat(row.get("use_count")).isEqualTo(15L);
        assertThat(row.get("last_used_ip")).isEqualTo("192.0.2.2");
        assertThat(row.get("revoked_by")).isEqualTo("user:bob");
        assertThat(row.get("revoke_reason")).isEqualTo("rotated");
        assertThat(row.get("last_sequence")).isEqualTo(3L);
        assertThat(row(EXPIRED).get("status")).isEqualTo("expired");
    }

    @Test
    void keepsTheGraceEndOfARotationOnTheRotatedToken() {
        Map<String, Object> row = row(ROTATED);

        assertThat(instant(row, "grace_ends_at")).isEqualTo(GRACE_ENDS_AT);
        assertThat(row.get("rotated_to")).isEqualTo(SUCCESSOR.value());
        assertThat(row(SUCCESSOR).get("grace_ends_at")).isNull();
    }

    @Test
    void keepsTheLatestUseWhenAWindowReportsAnEarlierOne() {
        Map<String, Object> row = row(USED_OUT_OF_ORDER);

        assertThat(instant(row, "last_used_at")).isEqualTo(LATER_USE);
        assertThat(row.get("last_used_ip")).isEqualTo("192.0.2.10");
        assertThat(row.get("use_count")).isEqualTo(5L);
    }

    @Test
    void changesNothingWhenEventsAreAppliedAgain() throws Exception {
        List<Map<String, Object>> before = rows();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);

        for (TokenId token : List.of(REVOKED, EXPIRED, USED_OUT_OF_ORDER, ROTATED, SUCCESSOR)) {
            for (var event : eventStore.readEvents(token.toString()).asStream().toList()) {
                handler.handle(event);
            }
        }

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void rebuildsTheSameRowsWhenReplayed() {
        List<Map<String, Object>> before = rows();
        // A row that no longer matches its events: only a true rebuild from the events puts it right.
        jdbc.sql("UPDATE token_dashboard SET name = 'tampered', use_count = 0 WHERE token_id = ?")
                .param(REVOKED.value())
                .update();
        jdbc.sql("UPDATE token_dashboard SET grace_ends_at = NULL WHERE token_id = ?")
                .param(ROTATED.value())
                .update();
        StreamingEventProcessor processor = history.dashboardProcessor();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitDashboard();

        assertThat(rows()).isEqualTo(before);
        assertThat(row(REVOKED).get("name")).isEqualTo("Revoked");
        assertThat(instant(row(ROTATED), "grace_ends_at")).isEqualTo(GRACE_ENDS_AT);
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT * FROM token_dashboard ORDER BY token_id")
                .query()
                .listOfRows();
    }

    private Map<String, Object> row(TokenId tokenId) {
        return jdbc.sql("SELECT * FROM token_dashboard WHERE token_id = ?")
                .param(tokenId.value())
                .query()
                .singleRow();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }

    private static Instant days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }
}
