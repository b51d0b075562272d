package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit processor split into two segments on two threads, as on two nodes: the events of several tenants,
 * interleaved, are handled in parallel, yet every tenant's chain verifies, entry ids are the events' global indexes,
 * and a rebuild gives identical (id, hash) rows.
 */
@QuerySideIntegrationTest
@TestPropertySource(
        properties = {
            "axon.eventhandling.processors.audit.initial-segment-count=2",
            "axon.eventhandling.processors.audit.thread-count=2",
            // Small batches, so that the two segments take turns many times while the history is handled.
            "axon.eventhandling.processors.audit.batch-size=7"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditSegmentsIT {

    private static final int TENANTS = 8;
    private static final int TOKENS_PER_TENANT = 3;
    private static final int USES_PER_TOKEN = 12;
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(3));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    @BeforeAll
    void givenTheInterleavedHistoriesOfSeveralTenants() {
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            history.publish(
                    new NotificationSettingsChangedEvent(tenant(tenant), List.of(), null, false, T0),
                    TokenHistory.requestMetadata("user:setup", "192.0.2.1", "req-" + tenant));
            for (int token = 0; token < TOKENS_PER_TENANT; token++) {
                history.create(
                        TokenHistory.created(
                                token(tenant, token),
                                tenant(tenant),
                                "Token " + token,
                                Scope.READ_ONLY,
                                T0,
                                T0.plus(Duration.ofDays(30))),
                        "user:setup");
            }
        }
        for (int use = 0; use < USES_PER_TOKEN; use++) {
            for (int token = 0; token < TOKENS_PER_TENANT; token++) {
                for (int tenant = 0; tenant < TENANTS; tenant++) {
                    history.use(
                            token(tenant, token),
                            tenant(tenant),
                            1,
                            T0.plus(Duration.ofMinutes(use + 1)),
                            "203.0.113." + (tenant + 1));
                }
            }
        }
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            history.revoke(token(tenant, 0), tenant(tenant), "done", T0.plus(Duration.ofHours(2)), "user:setup");
        }
        history.awaitAudit();
    }

    @Test
    void chainsEveryTenantInEventOrderAndRebuildsIdenticalRows() {
        StreamingEventProcessor processor = history.auditProcessor();
        assertThat(processor.processingStatus())
                .as("two segments, both claimed")
                .hasSize(2);
        assertThat(segmentsHandlingTenants(processor))
                .as("the tenants are spread over both segments")
                .hasSize(2);
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            assertChainVerifies(tenant);
        }
        assertThat(jdbc.sql("SELECT id FROM audit_event ORDER BY id")
                        .query(Long.class)
                        .list())
                .as("one entry per event, its id the event's global index")
                .isEqualTo(jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                        .query(Long.class)
                        .list());
        List<String> rows = idAndHashRows();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitAudit();

        assertThat(idAndHashRows()).as("the rebuilt trail").isEqualTo(rows);
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            assertChainVerifies(tenant);
        }
    }

    private void assertChainVerifies(int tenant) {
        String admin = commandSide.pass(
                "segments-admin-" + tenant,
                tenant(tenant),
                new TokenId(UUID.nameUUIDFromBytes(("segments-admin-" + tenant).getBytes(StandardCharsets.UTF_8))),
                Scope.ADMIN);
        HttpResponse<String> response = client.get("/api/v1/audit-events/verify", admin);
        JsonNode verification = client.json(response);
        assertThat(verification.get("valid").asBoolean()).as(response.body()).isTrue();
        assertThat(verification.get("checked").asInt())
                .as("tenant %d", tenant)
                .isEqualTo(1 + TOKENS_PER_TENANT + TOKENS_PER_TENANT * USES_PER_TOKEN + 1);
    }

    /** The segments whose mask takes at least one tenant, as the audit's sequencing policy assigns them. */
    private static Set<Integer> segmentsHandlingTenants(StreamingEventProcessor processor) {
        Set<Integer> used = new HashSet<>();
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            for (int tenant = 0; tenant < TENANTS; tenant++) {
                if (status.getSegment().matches(tenant(tenant).value())) {
                    used.add(status.getSegment().getSegmentId());
                }
            }
        }
        return used;
    }

    private List<String> idAndHashRows() {
        return jdbc.sql("SELECT id, tenant_id, prev_hash, hash FROM audit_event ORDER BY id")
                .query((row, number) ->
                        row.getLong(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getString(4))
                .list();
    }

    private static TenantId tenant(int index) {
        return new TenantId("segmented-" + index);
    }

    private static TokenId token(int tenant, int token) {
        return new TokenId(
                UUID.nameUUIDFromBytes(("segmented-" + tenant + "-" + token).getBytes(StandardCharsets.UTF_8)));
    }
}
