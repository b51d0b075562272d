package com.versionforge.token.query.testing;

import static org.awaitility.Awaitility.await;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenName;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes token events into the event store as the command side's ApiToken aggregate would: type {@code ApiToken},
 * consecutive sequence numbers per token, the actor in the metadata.
 */
public final class TokenHistory {

    /** The aggregate type the command side stores token events under. */
    public static final String AGGREGATE_TYPE = "ApiToken";
    /** The processing group of the dashboard projection. */
    public static final String DASHBOARD = "dashboard";
    /** The processing group of the audit projection. */
    public static final String AUDIT = "audit";
    /** Events published in one append by {@link #useMany}: one transaction and one JDBC batch each. */
    private static final int PUBLISH_CHUNK = 1000;

    private static final SecretDigest DIGEST = new SecretDigest("ab".repeat(32));

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final PlatformTransactionManager transactions;

    TokenHistory(
            EventStore eventStore, EventProcessingConfiguration processing, PlatformTransactionManager transactions) {
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** The event of a token created by {@code actor}; its hint is the last 4 characters of its id. */
    public static TokenCreatedEvent created(
            TokenId tokenId, TenantId tenantId, String name, Scope scope, Instant createdAt, Instant expiresAt) {
        String id = tokenId.toString();
        return new TokenCreatedEvent(
                tokenId,
                tenantId,
                new TokenName(name),
                scope,
                DIGEST,
                id.substring(id.length() - 4),
                createdAt,
                expiresAt);
    }

    /** Appends a token's next event, with {@code actor} as who did it. */
    public void append(TokenId tokenId, Object payload, String actor) {
        append(tokenId, payload, MetaData.with(AuditMetadata.ACTOR, actor));
    }

    /** Appends a token's next event with that metadata, such as actor, client IP and request id. */
    public void append(TokenId tokenId, Object payload, MetaData metaData) {
        eventStore.publish(new GenericDomainEventMessage<>(
                AGGREGATE_TYPE, tokenId.toString(), nextSequence(tokenId), payload, metaData));
    }

    /**
     * Publishes an event that belongs to no aggregate, as the command side publishes notice deliveries and settings
     * changes through its event gateway.
     */
    public void publish(Object payload, MetaData metaData) {
        eventStore.publish(GenericEventMessage.asEventMessage(payload).andMetaData(metaData));
    }

    /** The metadata the command side gives an event caused by {@code actor} in a request from {@code clientIp}. */
    public static MetaData requestMetadata(String actor, String clientIp, String requestId) {
        return MetaData.with(AuditMetadata.ACTOR, actor)
                .and(AuditMetadata.CLIENT_IP, clientIp)
                .and(AuditMetadata.REQUEST_ID, requestId);
    }

    /**
     * Appends {@code windows} use windows of one token, a minute apart and ending at {@code lastUsedAt}, in batches of
     * events: for histories of thousands of events.
     */
    public void useMany(TokenId tokenId, TenantId tenantId, int windows, Instant lastUsedAt, String clientIp) {
        long sequence = nextSequence(tokenId);
        List<DomainEventMessage<?>> chunk = new ArrayList<>(PUBLISH_CHUNK);
        for (int i = 0; i < windows; i++) {
            Instant usedAt = lastUsedAt.minus(Duration.ofMinutes(windows - 1L - i));
            chunk.add(new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE,
                    tokenId.toString(),
                    sequence++,
                    new TokenUsedEvent(tokenId, tenantId, 1, usedAt, usedAt, clientIp, "curl"),
                    MetaData.with(AuditMetadata.ACTOR, AuditMetadata.tokenActor(tokenId))));
            if (chunk.size() == PUBLISH_CHUNK || i == windows - 1) {
                eventStore.publish(chunk);
                chunk = new ArrayList<>(PUBLISH_CHUNK);
            }
        }
    }

    public void create(TokenCreatedEvent event, String actor) {
        append(event.tokenId(), event, actor);
    }

    public void use(TokenId tokenId, TenantId tenantId, long count, Instant lastUsedAt, String clientIp) {
        append(
                tokenId,
                new TokenUsedEvent(tokenId, tenantId, count, lastUsedAt.minusSeconds(30), lastUsedAt, clientIp, "curl"),
                AuditMetadata.tokenActor(tokenId));
    }

    public void revoke(TokenId tokenId, TenantId tenantId, String reason, Instant revokedAt, String actor) {
        append(tokenId, new TokenRevokedEvent(tokenId, tenantId, reason, revokedAt), actor);
    }

    /** A rotation that keeps the old token until it is revoked by hand. */
    public void rotate(TokenId tokenId, TenantId tenantId, TokenId successorId, Instant rotatedAt, String actor) {
        rotate(tokenId, tenantId, successorId, rotatedAt, null, actor);
    }

    /** A rotation whose old token is revoked by itself at {@code graceEndsAt}, or kept if that is null. */
    public void rotate(
            TokenId tokenId,
            TenantId tenantId,
            TokenId successorId,
            Instant rotatedAt,
            Instant graceEndsAt,
            String actor) {
        append(tokenId, new TokenRotatedEvent(tokenId, tenantId, successorId, rotatedAt, graceEndsAt), actor);
    }

    public void expire(TokenId tokenId, TenantId tenantId, Instant expiredAt) {
        append(tokenId, new TokenExpiredEvent(tokenId, tenantId, expiredAt), "system");
    }

    /** A window of {@code count} checks refused because the token is revoked or expired, the last at {@code at}. */
    public void refusedUse(
            TokenId tokenId, TenantId tenantId, TokenStatus status, long count, Instant at, String clientIp) {
        append(
                tokenId,
                new TokenRefusedUseRecordedEvent(tokenId, tenantId, status, count, at.minusSeconds(20), at, clientIp),
                AuditMetadata.tokenActor(tokenId));
    }

    private long nextSequence(TokenId tokenId) {
        return eventStore
                .lastSequenceNumberFor(tokenId.toString())
                .map(last -> last + 1)
                .orElse(0L);
    }

    /** The dashboard's processor (tracking, or pooled where configured so). */
    public StreamingEventProcessor dashboardProcessor() {
        return processor(DASHBOARD);
    }

    /** The audit trail's processor (tracking, or pooled where configured so). */
    public StreamingEventProcessor auditProcessor() {
        return processor(AUDIT);
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing
                .eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /**
     * Waits until the dashboard has processed every event appended so far. The position, not the replay flag, tells:
     * Axon ends a replay only with the first event after the reset, and none may come.
     */
    public void awaitDashboard() {
        awaitProcessor(dashboardProcessor());
    }

    /** Waits until the audit trail has processed every event appended so far. */
    public void awaitAudit() {
        awaitProcessor(auditProcessor());
    }

    private void awaitProcessor(StreamingEventProcessor processor) {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            return !status.isEmpty()
                    && status.values().stream()
                            .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
        });
    }

    /**
     * Creates a token in a transaction of its own, on a thread of its own, that stays open until the answer's
     * {@link HeldCreation#commit()}: the event has its global index at once, but readers see it only once it commits,
     * after the events appended meanwhile — an event committed late.
     */
    public HeldCreation createHeldOpen(TokenCreatedEvent created, String actor) throws InterruptedException {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> committed = writer.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            create(created, actor);
            appended.countDown();
            try {
                if (!mayCommit.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The held creation was never let go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        if (!appended.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The held creation was not appended within 30 s");
        }
        return new HeldCreation(mayCommit, committed, writer);
    }

    /** A creation appended in a transaction still open; {@link #commit()} lets it commit and waits for that. */
    public record HeldCreation(CountDownLatch mayCommit, Future<?> committed, ExecutorService writer) {

        public void commit() throws Exception {
            mayCommit.countDown();
            try {
                committed.get(30, TimeUnit.SECONDS);
            } finally {
                writer.shutdown();
            }
        }
    }
}
