package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.TokenHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event that committed in the event store after later ones were already processed (a gap filled late) gets the
 * entry of its id in its place: the chain after it is relinked, and stays valid. The late event is handed to the
 * projection directly, with a position below the tenant's chain end that no stored event has; the trail is rebuilt
 * from the events afterwards, for the tests that follow.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainRelinkIT {

    private static final TenantId TENANT = new TenantId("relink-co");
    private static final TokenId TOKEN = new TokenId(UUID.fromString("ad400000-0000-4000-8000-000000000001"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;
    /** Global indexes start at 1: no stored event has this one. */
    private static final long LATE_ID = 0;

    @Autowired
    private TokenHistory history;

    @Autowired
    private AuditProjection projection;

    @Autowired
    private JdbcClient jdbc;

    @BeforeAll
    void givenATenantWithFourEntries() {
        history.create(
                TokenHistory.created(TOKEN, TENANT, "Relinked", Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(9))),
                "user:alice");
        for (int i = 1; i <= 3; i++) {
            history.use(TOKEN, TENANT, i, NOW.plusSeconds(60L * i), "192.0.2." + i);
        }
        history.awaitAudit();
    }

    @AfterAll
    void rebuildTheTrailFromTheEvents() {
        StreamingEventProcessor processor = history.auditProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        history.awaitAudit();
    }

    @Test
    void insertsALateEntryInItsPlaceAndRelinksTheChainAfterIt() throws Exception {
        List<String> hashesBefore = hashes();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);

        handler.handle(lateUse());
        handler.handle(lateUse());

        List<AuditEntry> entries = entries();
        assertThat(entries).extracting(AuditEntry::id).startsWith(LATE_ID).hasSize(5);
        assertThat(entries.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry entry = entries.get(i);
            assertThat(entry.hash()).isEqualTo(AuditHash.of(entry));
            if (i > 0) {
                assertThat(entry.prevHash()).isEqualTo(entries.get(i - 1).hash());
            }
        }
        assertThat(hashes()).doesNotContainAnyElementsOf(hashesBefore);
        assertThat(entries.get(0).tokenName()).isEqualTo("Relinked");
        assertThat(jdbc.sql("SELECT entry_count FROM audit_chain_head WHERE tenant_id = ?")
                        .param(TENANT.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE tenant_id = ?")
                        .param(TENANT.value())
                        .query(String.class)
                        .single())
                .isEqualTo(entries.get(4).hash());
        AuditChainWalk walk = new AuditChainWalk();
        entries.forEach(walk::accept);
        assertThat(walk.result(new AuditChainWalk.Head(
                                entries.get(4).id(), entries.get(4).hash(), entries.size()))
                        .valid())
                .isTrue();
    }

    private GenericTrackedDomainEventMessage<TokenUsedEvent> lateUse() {
        Instant usedAt = NOW.plusSeconds(30);
        return new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(LATE_ID, Set.of()),
                new GenericDomainEventMessage<>(
                        TokenHistory.AGGREGATE_TYPE,
                        TOKEN.toString(),
                        99,
                        new TokenUsedEvent(TOKEN, TENANT, 1, usedAt, usedAt, "192.0.2.99", "late"),
                        MetaData.with(AuditMetadata.ACTOR, AuditMetadata.tokenActor(TOKEN))));
    }

    private List<AuditEntry> entries() {
        return jdbc.sql("SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE tenant_id = ? ORDER BY id")
                .param(TENANT.value())
                .query(AuditEntries::read)
                .list();
    }

    private List<String> hashes() {
        return entries().stream().map(AuditEntry::hash).toList();
    }
}
