package com.versionforge.token.query.audit;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenExpiryWarningIssuedEvent;
import com.versionforge.token.api.TokenNoticeDeliveredEvent;
import com.versionforge.token.api.TokenNoticeDeliveryFailedEvent;
import com.versionforge.token.api.TokenRefusedUseRecordedEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenUsedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns every token event, and every notice delivery and settings change of a tenant, into one entry of its tenant's
 * audit trail, in a tracking processor that can be reset to rebuild the trail identically. Each entry comes from
 * exactly one event and takes that event's global index as its id, so ids do not depend on which segment or thread
 * handled the event, nor on how segments interleave. Events are sequenced by tenant (see {@link AuditConfiguration}):
 * with any number of segments, one tenant's events are handled in event store order by one segment at a time, so each
 * chain links in id order. Times come from the events, never from the clock.
 *
 * <p>A new kind of event needs one handler here: say its type, tenant, token and time, add its details, and
 * {@link AuditTrail#append} does the rest (id, name, actor, request, chain, idempotency); an event that changes what
 * the audit side knows of a token also updates its token table, idempotently.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit";

    private static final Logger logger = LoggerFactory.getLogger(AuditProjection.class);

    private final AuditTrail trail;

    AuditProjection(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(
            TokenCreatedEvent event,
            EventMessage<?> message,
            TrackingToken position,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        // The name first: the entry of the creation carries it like every later entry of the token.
        trail.tokenCreated(
                event.tokenId(),
                event.tenantId().value(),
                event.name().value(),
                event.scope().wireName(),
                event.createdAt(),
                actor,
                event.expiresAt());
        trail.append(
                AuditRecord.of(AuditEntryTypes.TOKEN_CREATED, event.tenantId(), event.tokenId(), event.createdAt())
                        .detail("scope", event.scope().wireName())
                        .detail("expiresAt", event.expiresAt())
                        .detail("tokenHint", event.tokenHint()),
                message,
                position);
    }

    /** One window of passed checks: how many, when, and the client of the last. */
    @EventHandler
    void on(TokenUsedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(AuditEntryTypes.TOKEN_USED, event.tenantId(), event.tokenId(), event.lastUsedAt())
                        .clientIp(event.lastClientIp())
                        .detail("count", event.count())
                        .detail("firstUsedAt", event.firstUsedAt())
                        .detail("lastUsedAt", event.lastUsedAt())
                        .detail("lastClientIp", event.lastClientIp())
                        .detail("lastUserAgent", event.lastUserAgent()),
                message,
                position);
    }

    @EventHandler
    void on(
            TokenRevokedEvent event,
            EventMessage<?> message,
            TrackingToken position,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        trail.tokenRevoked(event.tokenId(), event.revokedAt(), actor, event.reason());
        trail.append(
                AuditRecord.of(AuditEntryTypes.TOKEN_REVOKED, event.tenantId(), event.tokenId(), event.revokedAt())
                        .detail("reason", event.reason()),
                message,
                position);
    }

    @EventHandler
    void on(TokenExpiredEvent event, EventMessage<?> message, TrackingToken position) {
        trail.tokenExpired(event.tokenId(), event.expiredAt());
        trail.append(
                AuditRecord.of(AuditEntryTypes.TOKEN_EXPIRED, event.tenantId(), event.tokenId(), event.expiredAt()),
                message,
                position);
    }

    @EventHandler
    void on(TokenRotatedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(AuditEntryTypes.TOKEN_ROTATED, event.tenantId(), event.tokenId(), event.rotatedAt())
                        .detail("successorId", event.successorId().toString())
                        .detail("graceEndsAt", event.graceEndsAt()),
                message,
                position);
    }

    @EventHandler
    void on(TokenExpiryWarningIssuedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(
                                AuditEntryTypes.TOKEN_EXPIRY_WARNING_ISSUED,
                                event.tenantId(),
                                event.tokenId(),
                                event.issuedAt())
                        .detail("threshold", event.threshold())
                        .detail("expiresAt", event.expiresAt()),
                message,
                position);
    }

    /** One window of checks refused because the token was revoked or expired: somebody still presents it. */
    @EventHandler
    void on(TokenRefusedUseRecordedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(
                                AuditEntryTypes.TOKEN_REFUSED_USE,
                                event.tenantId(),
                                event.tokenId(),
                                event.lastRefusedAt())
                        .clientIp(event.lastClientIp())
                        .detail("status", event.status().wireName())
                        .detail("count", event.count())
                        .detail("firstRefusedAt", event.firstRefusedAt())
                        .detail("lastRefusedAt", event.lastRefusedAt())
                        .detail("lastClientIp", event.lastClientIp()),
                message,
                position);
    }

    @EventHandler
    void on(TokenNoticeDeliveredEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(
                                AuditEntryTypes.NOTIFICATION_DELIVERED,
                                event.tenantId(),
                                event.tokenId(),
                                event.deliveredAt())
                        .detail("notice", event.notice())
                        .detail("channel", event.channel())
                        .detail("threshold", event.threshold())
                        .detail("recipientCount", event.recipientCount())
                        .detail("webhookOrigin", event.webhookOrigin())
                        .detail("attempts", event.attempts()),
                message,
                position);
    }

    @EventHandler
    void on(TokenNoticeDeliveryFailedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(AuditEntryTypes.NOTIFICATION_FAILED, event.tenantId(), event.tokenId(), event.failedAt())
                        .detail("notice", event.notice())
                        .detail("channel", event.channel())
                        .detail("threshold", event.threshold())
                        .detail("attempts", event.attempts())
                        .detail("lastError", event.lastError()),
                message,
                position);
    }

    /**
     * An entry about no token. It counts the admin e-mail addresses rather than naming them: the trail is kept for
     * good and cannot be edited without breaking its chain, so it holds no personal data; the settings show them.
     */
    @EventHandler
    void on(NotificationSettingsChangedEvent event, EventMessage<?> message, TrackingToken position) {
        trail.append(
                AuditRecord.of(AuditEntryTypes.NOTIFICATION_SETTINGS_CHANGED, event.tenantId(), null, event.changedAt())
                        .detail("adminEmailCount", event.adminEmails().size())
                        .detail("webhookOrigin", event.webhookOrigin())
                        .detail("webhookSecretIssued", event.webhookSecretIssued()),
                message,
                position);
    }

    /** Runs before a replay: the replay rebuilds every entry, with the same ids and hashes, from the first event on. */
    @ResetHandler
    void reset() {
        logger.info("Clearing the audit trail for a replay of the token events");
        trail.clear();
    }
}
