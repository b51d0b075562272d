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
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenUsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * Writes token events into the event store as the command side's ApiToken aggregate would: type {@code ApiToken},
 * consecutive sequence numbers per token, the actor in the metadata.
 */
public final class TokenHistory {

    /** The aggregate type the command side stores token events under. */
    public static final String AGGREGATE_TYPE = "ApiToken";
    /** The processing group of the dashboard projection. */
    public static final String DASHBOARD = "dashboard";

    private static final SecretDigest DIGEST = new SecretDigest("ab".repeat(32));

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    TokenHistory(EventStore eventStore, EventProcessingConfiguration processing) {
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
        long sequence = eventStore
                .lastSequenceNumberFor(tokenId.toString())
                .map(last -> last + 1)
                .orElse(0L);
        eventStore.publish(new GenericDomainEventMessage<>(
                AGGREGATE_TYPE, tokenId.toString(), sequence, payload, MetaData.with(AuditMetadata.ACTOR, actor)));
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

    public void rotate(TokenId tokenId, TenantId tenantId, TokenId successorId, Instant rotatedAt, String actor) {
        append(tokenId, new TokenRotatedEvent(tokenId, tenantId, successorId, rotatedAt, null), actor);
    }

    public void expire(TokenId tokenId, TenantId tenantId, Instant expiredAt) {
        append(tokenId, new TokenExpiredEvent(tokenId, tenantId, expiredAt), "system");
    }

    /** The dashboard's tracking processor. */
    public TrackingEventProcessor dashboardProcessor() {
        return processing
                .eventProcessor(DASHBOARD, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /**
     * Waits until the dashboard has processed every event appended so far. The position, not the replay flag, tells:
     * Axon ends a replay only with the first event after the reset, and none may come.
     */
    public void awaitDashboard() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<Integer, EventTrackerStatus> status = dashboardProcessor().processingStatus();
            return !status.isEmpty()
                    && status.values().stream()
                            .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
        });
    }
}
