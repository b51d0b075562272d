package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
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
 * a redelivery after a crash is harmless.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private static final Logger logger = LoggerFactory.getLogger(DashboardProjection.class);
    // Events appended without an actor (none should be) still need a row: the dashboard shows who is unknown.
    private static final String UNKNOWN_ACTOR = "unknown";

    private final JdbcClient jdbc;

    DashboardProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A successor of a rotation is created right after its predecessor's rotation, which names it. */
    @EventHandler
    void on(TokenCreatedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.sql("""
                        INSERT INTO token_dashboard (token_id, tenant_id, name, scope, status, token_hint, created_at,
                            created_by, expires_at, last_sequence, rotated_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                            (SELECT token_id FROM token_dashboard WHERE rotated_to = ? LIMIT 1))
                        ON CONFLICT (token_id) DO NOTHING""")
                .param(event.tokenId().value())
                .param(event.tenantId().value())
                .param(event.name().value())
                .param(event.scope().wireName())
                .param(TokenStatus.ACTIVE.wireName())
                .param(event.tokenHint())
                .param(timestamp(event.createdAt()))
                .param(actor == null ? UNKNOWN_ACTOR : actor)
                .param(timestamp(event.expiresAt()))
                .param(sequence)
                .param(event.tokenId().value())
                .update();
    }

    /** Links both ways, whichever of the two tokens' events a segmented processor happens to handle first. */
    @EventHandler
    void on(TokenRotatedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        UPDATE token_dashboard SET rotated_to = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""")
                .param(event.successorId().value())
                .param(sequence)
                .param(event.tokenId().value())
                .param(sequence)
                .update();
        jdbc.sql("UPDATE token_dashboard SET rotated_from = ? WHERE token_id = ?")
                .param(event.tokenId().value())
                .param(event.successorId().value())
                .update();
    }

    /** A window of uses: the last use is the latest ever seen, even should windows arrive out of order. */
    @EventHandler
    void on(TokenUsedEvent event, @SequenceNumber long sequence) {
        OffsetDateTime lastUsedAt = timestamp(event.lastUsedAt());
        jdbc.sql("""
                        UPDATE token_dashboard
                        SET last_used_ip = CASE WHEN last_used_at IS NULL OR last_used_at <= ? THEN ?
                                ELSE last_used_ip END,
                            last_used_at = greatest(last_used_at, ?),
                            use_count = use_count + ?,
                            last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""")
                .param(lastUsedAt)
                .param(event.lastClientIp())
                .param(lastUsedAt)
                .param(event.count())
                .param(sequence)
                .param(event.tokenId().value())
                .param(sequence)
                .update();
    }

    @EventHandler
    void on(TokenRevokedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.sql("""
                        UPDATE token_dashboard
                        SET status = ?, revoked_at = ?, revoked_by = ?, revoke_reason = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""")
                .param(TokenStatus.REVOKED.wireName())
                .param(timestamp(event.revokedAt()))
                .param(actor == null ? UNKNOWN_ACTOR : actor)
                .param(event.reason())
                .param(sequence)
                .param(event.tokenId().value())
                .param(sequence)
                .update();
    }

    @EventHandler
    void on(TokenExpiredEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        UPDATE token_dashboard SET status = ?, expired_at = ?, last_sequence = ?
                        WHERE token_id = ? AND last_sequence < ?""")
                .param(TokenStatus.EXPIRED.wireName())
                .param(timestamp(event.expiredAt()))
                .param(sequence)
                .param(event.tokenId().value())
                .param(sequence)
                .update();
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
