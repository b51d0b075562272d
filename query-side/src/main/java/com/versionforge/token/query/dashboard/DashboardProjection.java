package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
import com.versionforge.token.query.projection.BatchedWrites;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code token_dashboard} in step with the token events, in a tracking processor that can be reset to rebuild
 * the table from the whole event history. Times and actors come from the events, never from the clock. Every write
 * is idempotent: an event at or below a row's {@code last_sequence} has been applied already and changes nothing, so
 * a redelivery after a crash is harmless. The statements run in event order, as JDBC batches per batch of events
 * ({@link BatchedWrites}), so that a replay is not one round trip per event.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private static final Logger logger = LoggerFactory.getLogger(DashboardProjection.class);
    // Events appended without an actor (none should be) still need a row: the dashboard shows who is unknown.
    private static final String UNKNOWN_ACTOR = "unknown";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    DashboardProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** A successor of a rotation is created right after its predecessor's rotation, which names it. */
    @EventHandler
    void on(TokenCreatedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        writes.update(
                """
                        INSERT INTO token_dashboard (token_id, tenant_id, name, scope, status, token_hint, created_at,
                            created_by, expires_at, last_sequence, rotated_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                            (SELECT token_id FROM token_dashboard WHERE rotated_to = ? LIMIT 1))
                        ON CONFLICT (token_id) DO NOTHING""",
                event.tokenId().value(),
                event.tenantId().value(),
                event.name().value(),
                event.scope().wireName(),
                TokenStatus.ACTIVE.wireName(),
                event.tokenHint(),
                timestamp(event.createdAt()),
                actor == null ? UNKNOWN_ACTOR : actor,
                timestamp(event.expiresAt()),
                sequence,
                event.tokenId().value());
    }

    /**
     * Links both ways, whichever of the two tokens' events a segmented processor happens to handle first. The grace end
     * belongs to the rotated token, whose row its own earlier creation event has written.
     */
    @EventHandler
    void on(TokenRotatedEvent event, @SequenceNumber long sequence) {
        writes.update(
                """
                        UPDATE token_dashboard SET rotated_to = ?, grace_ends_at = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""",
                event.successorId().value(),
                event.graceEndsAt() == null ? null : timestamp(event.graceEndsAt()),
                sequence,
                event.tokenId().value(),
                sequence);
        writes.update(
                "UPDATE token_dashboard SET rotated_from = ? WHERE token_id = ?",
                event.tokenId().value(),
                event.successorId().value());
    }

    /** A window of uses: the last use is the latest ever seen, even should windows arrive out of order. */
    @EventHandler
    void on(TokenUsedEvent event, @SequenceNumber long sequence) {
        OffsetDateTime lastUsedAt = timestamp(event.lastUsedAt());
        writes.update(
                """
                        UPDATE token_dashboard
                        SET last_used_ip = CASE WHEN last_used_at IS NULL OR last_used_at <= ? THEN ?
                                ELSE last_used_ip END,
                            last_used_at = greatest(last_used_at, ?),
                            use_count = use_count + ?,
                            last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""",
                lastUsedAt,
                event.lastClientIp(),
                lastUsedAt,
                event.count(),
                sequence,
                event.tokenId().value(),
                sequence);
    }

    @EventHandler
    void on(TokenRevokedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        writes.update(
                """
                        UPDATE token_dashboard
                        SET status = ?, revoked_at = ?, revoked_by = ?, revoke_reason = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""",
                TokenStatus.REVOKED.wireName(),
                timestamp(event.revokedAt()),
                actor == null ? UNKNOWN_ACTOR : actor,
                event.reason(),
                sequence,
                event.tokenId().value(),
                sequence);
    }

    @EventHandler
    void on(TokenExpiredEvent event, @SequenceNumber long sequence) {
        writes.update(
                """
                        UPDATE token_dashboard SET status = ?, expired_at = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""",
                TokenStatus.EXPIRED.wireName(),
                timestamp(event.expiredAt()),
                sequence,
                event.tokenId().value(),
                sequence);
    }

    /** Runs before a replay: the replay rebuilds every row from the first event on. */
    @ResetHandler
    void reset() {
        logger.info("Clearing the dashboard for a replay of the token events");
        jdbc.sql("DELETE FROM token_dashboard").update();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
