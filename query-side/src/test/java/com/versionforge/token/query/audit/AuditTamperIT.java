package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whoever edits, deletes or reorders audit entries directly in the database is caught by the tamper check. Each test
 * tampers with a tenant of its own, and the trail is rebuilt from the events afterwards, for the tests that follow.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTamperIT {

    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final Instant T0 = MutableClock.DEFAULT_NOW.minus(Duration.ofDays(3));

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private JdbcClient jdbc;

    private TenantId tenant;
    private String admin;
    private List<Long> ids;

    @BeforeEach
    void givenATenantWithFiveEntries() {
        int number = TENANTS.incrementAndGet();
        tenant = new TenantId("tamper-co-" + number);
        admin = commandSide.pass("tamper-admin-" + number, tenant, new TokenId(UUID.randomUUID()), Scope.ADMIN);
        TokenId token = new TokenId(UUID.randomUUID());
        history.create(
                TokenHistory.created(token, tenant, "Tamper target", Scope.READ_ONLY, T0, T0.plus(Duration.ofDays(30))),
                "user:alice");
        history.use(token, tenant, 1, T0.plus(Duration.ofHours(1)), "192.0.2.1");
        history.use(token, tenant, 2, T0.plus(Duration.ofHours(2)), "192.0.2.2");
        history.use(token, tenant, 3, T0.plus(Duration.ofHours(3)), "192.0.2.3");
        history.revoke(token, tenant, "done", T0.plus(Duration.ofHours(4)), "user:bob");
        history.awaitAudit();
        ids = jdbc.sql("SELECT id FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value())
                .query(Long.class)
                .list();
        assertThat(ids).hasSize(5);
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void detectsAnEditedField() {
        sql("UPDATE audit_event SET client_ip = '10.0.0.1' WHERE id = ?", ids.get(2));

        assertBroken(ids.get(2), 3, "hash-mismatch");
    }

    @Test
    void detectsEditedDetails() {
        sql("UPDATE audit_event SET details = replace(details, '\"count\":2', '\"count\":0') WHERE id = ?", ids.get(2));

        assertBroken(ids.get(2), 3, "hash-mismatch");
    }

    @Test
    void detectsAnEditWhoseHashWasRecomputed() {
        AuditEntry edited = entry(ids.get(1));
        AuditEntry forged = new AuditEntry(
                        edited.id(),
                        edited.tenantId(),
                        edited.occurredAt(),
                        edited.type(),
                        edited.tokenId(),
                        edited.tokenName(),
                        "user:mallory",
                        edited.clientIp(),
                        edited.requestId(),
                        edited.details(),
                        null,
                        null)
                .linkedAfter(edited.prevHash());
        jdbc.sql("UPDATE audit_event SET actor = ?, hash = ? WHERE id = ?")
                .param(forged.actor())
                .param(forged.hash())
                .param(forged.id())
                .update();

        assertBroken(ids.get(2), 3, "chain-broken");
    }

    @Test
    void detectsADeletedEntry() {
        sql("DELETE FROM audit_event WHERE id = ?", ids.get(1));

        assertBroken(ids.get(2), 2, "chain-broken");
    }

    @Test
    void detectsDeletedEntriesAtTheEnd() {
        sql("DELETE FROM audit_event WHERE tenant_id = ? AND id >= ?", tenant.value(), ids.get(3));

        assertBroken(ids.get(4), 3, "tail-missing");
    }

    @Test
    void detectsSwappedIds() {
        long first = ids.get(1);
        long second = ids.get(2);
        sql("UPDATE audit_event SET id = -1 WHERE id = ?", first);
        sql("UPDATE audit_event SET id = ? WHERE id = ?", first, second);
        sql("UPDATE audit_event SET id = ? WHERE id = -1", second);

        assertBroken(first, 2, "chain-broken");
    }

    @Test
    void detectsSwappedTimes() {
        sql("""
                UPDATE audit_event AS e SET occurred_at = o.occurred_at
                FROM audit_event AS o
                WHERE (e.id, o.id) IN ((?, ?), (?, ?))""", ids.get(1), ids.get(2), ids.get(2), ids.get(1));

        assertBroken(ids.get(1), 2, "hash-mismatch");
    }

    @Test
    void detectsAnEntryMovedToAnotherTenant() {
        sql("UPDATE audit_event SET tenant_id = 'elsewhere' WHERE id = ?", ids.get(3));

        assertBroken(ids.get(4), 4, "chain-broken");
    }

    @AfterAll
    void rebuildTheTrailFromTheEvents() {
        StreamingEventProcessor processor = history.auditProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitAudit();
    }

    private void assertBroken(long firstInvalidId, long checked, String reason) {
        JsonNode verification = verify();

        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("firstInvalidId").asLong()).isEqualTo(firstInvalidId);
        assertThat(verification.get("checked").asLong()).isEqualTo(checked);
        assertThat(verification.get("reason").asText()).isEqualTo(reason);
    }

    private JsonNode verify() {
        HttpResponse<String> response = client.get("/api/v1/audit-events/verify", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.json(response);
    }

    private AuditEntry entry(long id) {
        return jdbc.sql("SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE id = ?")
                .param(id)
                .query(AuditEntries::read)
                .single();
    }

    private void sql(String statement, Object... parameters) {
        var spec = jdbc.sql(statement);
        for (Object parameter : parameters) {
            spec = spec.param(parameter);
        }
        spec.update();
    }
}
