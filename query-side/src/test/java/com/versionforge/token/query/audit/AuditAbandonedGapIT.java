package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event whose transaction rolled back leaves a gap in the event store that Axon's tracking token keeps for good.
 * The trail holds back the entries after it only as long as a late commit may still fill it, the gap timeout, then
 * serves them. Its own context, with a short gap timeout, so that the test waits seconds, not a minute, and the gap
 * it leaves holds back no other test.
 */
@QuerySideIntegrationTest
@TestPropertySource(properties = "vf.audit.gap-timeout=" + AuditAbandonedGapIT.GAP_TIMEOUT)
class AuditAbandonedGapIT {

    static final String GAP_TIMEOUT = "8s";

    private static final TenantId TENANT = new TenantId("abandoned-gap-co");
    private static final TokenId ADMIN_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-0000000b0401"));
    private static final TokenId TOKEN = new TokenId(UUID.fromString("ad700000-0000-4000-8000-000000000001"));
    private static final TokenId ROLLED_BACK = new TokenId(UUID.fromString("ad700000-0000-4000-8000-000000000002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void servesTheEntriesAfterARolledBackEventOnceTheGapTimedOut() {
        String admin = commandSide.pass("abandoned-gap-admin", TENANT, ADMIN_TOKEN, Scope.ADMIN);
        history.create(
                TokenHistory.created(TOKEN, TENANT, "Kept", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:alice");
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            history.create(
                    TokenHistory.created(
                            ROLLED_BACK, TENANT, "Never stored", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                    "user:bob");
            status.setRollbackOnly();
        });
        history.use(TOKEN, TENANT, 1, NOW.plusSeconds(60), "192.0.2.1");
        history.use(TOKEN, TENANT, 1, NOW.plusSeconds(120), "192.0.2.2");
        history.awaitAudit();

        List<Long> written = storedIds();
        List<Long> servedAtFirst = servedIds(admin);
        await().atMost(Duration.ofSeconds(60)).until(() -> servedIds(admin).size() == written.size());

        assertThat(written).hasSize(3);
        assertThat(servedAtFirst).containsExactly(written.get(0));
        assertThat(servedIds(admin)).isEqualTo(written);
        long gap = written.get(0) + 1;
        assertThat(written.get(1)).isGreaterThan(gap);
        assertThat(openGaps()).as("Axon still waits for the rolled-back event").contains(gap);
    }

    private List<Long> servedIds(String admin) {
        HttpResponse<String> response = client.get("/api/v1/audit-events", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        JsonNode page = client.json(response);
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private SortedSet<Long> openGaps() {
        SortedSet<Long> gaps = new TreeSet<>();
        history.auditProcessor().processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .map(token -> WrappedToken.unwrap(token, GapAwareTrackingToken.class))
                .flatMap(Optional::stream)
                .forEach(token -> gaps.addAll(token.getGaps()));
        return gaps;
    }

    private List<Long> storedIds() {
        return jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(TENANT.value())
                .query(Long.class)
                .list();
    }
}
