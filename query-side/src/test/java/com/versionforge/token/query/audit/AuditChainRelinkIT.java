package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event that committed in the event store after later ones were already processed (a gap the processor filled
 * late, as with two command-side nodes) gets the entry of its own global index, in its place: the chain after it is
 * relinked and stays valid, and a rebuild from the events gives the same entries. The late commit is a real one: the
 * event is appended in a transaction held open while later events are appended, committed and processed.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainRelinkIT {

    private static final TenantId TENANT = new TenantId("relink-co");
    private static final TokenId TOKEN = new TokenId(UUID.fromString("ad400000-0000-4000-8000-000000000001"));
    private static final TokenId LATE_TOKEN = new TokenId(UUID.fromString("ad400000-0000-4000-8000-000000000002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private JdbcClient jdbc;

    @BeforeAll
    void givenATenantWithAToken() {
        history.create(
                TokenHistory.created(TOKEN, TENANT, "Relinked", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:alice");
        history.awaitAudit();
    }

    @Test
    void givesALateEventTheEntryOfItsOwnIndexAndRelinksTheChainAfterIt() throws Exception {
        TokenHistory.HeldCreation late = history.createHeldOpen(
                TokenHistory.created(LATE_TOKEN, TENANT, "Late", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:bob");
        for (int i = 1; i <= 3; i++) {
            history.use(TOKEN, TENANT, i, NOW.plusSeconds(60L * i), "192.0.2." + i);
        }
        history.awaitAudit();
        assertThat(entries()).hasSize(4);

        late.commit();
        // The head of the store has not moved: the processor fills the gap on one of its next fetches.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(entries()).hasSize(5));

        List<AuditEntry> entries = entries();
        assertThat(entries).extracting(AuditEntry::id).isEqualTo(storedIndexes());
        AuditEntry lateEntry = entries.stream()
                .filter(entry -> LATE_TOKEN.value().equals(entry.tokenId()))
                .findFirst()
                .orElseThrow();
        assertThat(lateEntry.id()).isLessThan(entries.get(4).id());
        assertThat(lateEntry.tokenName()).isEqualTo("Late");
        assertChained(entries);
        assertThat(jdbc.sql("SELECT entry_count FROM audit_chain_head WHERE tenant_id = ?")
                        .param(TENANT.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(5);

        List<AuditEntry> beforeRebuild = entries;
        StreamingEventProcessor processor = history.auditProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitAudit();
        assertThat(entries()).isEqualTo(beforeRebuild);
    }

    private static void assertChained(List<AuditEntry> entries) {
        assertThat(entries.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry entry = entries.get(i);
            assertThat(entry.hash()).isEqualTo(AuditHash.of(entry));
            if (i > 0) {
                assertThat(entry.prevHash()).isEqualTo(entries.get(i - 1).hash());
            }
        }
        AuditChainWalk walk = new AuditChainWalk();
        entries.forEach(walk::accept);
        AuditEntry last = entries.get(entries.size() - 1);
        assertThat(walk.result(new AuditChainWalk.Head(last.id(), last.hash(), entries.size()))
                        .valid())
                .isTrue();
    }

    private List<Long> storedIndexes() {
        return jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier IN (?, ?) ORDER BY 1")
                .param(TOKEN.toString())
                .param(LATE_TOKEN.toString())
                .query(Long.class)
                .list();
    }

    private List<AuditEntry> entries() {
        return jdbc.sql("SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(TENANT.value())
                .query(AuditEntries::read)
                .list();
    }
}
