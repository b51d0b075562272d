package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenUsedEvent;
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
 * the table from the whole event history. Times and actors come from the events, never from the clock. Every change
 * is idempotent: an event at or below a row's {@code last_sequence} has been applied already and changes nothing, so
 * a redelivery after a crash is harmless. Changes are applied per batch of events ({@link DashboardChanges}), so that
 * a replay writes each row once per batch rather than once per event.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private static final Logger logger = LoggerFactory.getLogger(DashboardProjection.class);
    // Events appended without an actor (none should be) still need a row: the dashboard shows who is unknown.
    private static final String UNKNOWN_ACTOR = "unknown";

    private final JdbcClient jdbc;
    private final DashboardChanges changes;

    DashboardProjection(JdbcClient jdbc, DashboardChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** A successor of a rotation is created right after its predecessor's rotation, which names it. */
    @EventHandler
    void on(TokenCreatedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        changes.create(DashboardRow.created(
                event.tokenId().value(),
                event.tenantId().value(),
                event.name().value(),
                event.scope().wireName(),
                event.tokenHint(),
                event.createdAt(),
                actor == null ? UNKNOWN_ACTOR : actor,
                event.expiresAt(),
                sequence));
    }

    /**
     * Links both ways, whichever of the two tokens' events comes first. The grace end belongs to the rotated token,
     * whose row its own earlier creation event has written.
     */
    @EventHandler
    void on(TokenRotatedEvent event, @SequenceNumber long sequence) {
        changes.change(
                event.tokenId().value(),
                sequence,
                row -> row.rotated(event.successorId().value(), event.graceEndsAt()));
        changes.linkSuccessor(event.successorId().value(), event.tokenId().value());
    }

    @EventHandler
    void on(TokenUsedEvent event, @SequenceNumber long sequence) {
        changes.change(
                event.tokenId().value(),
                sequence,
                row -> row.used(event.count(), event.lastUsedAt(), event.lastClientIp()));
    }

    @EventHandler
    void on(TokenRevokedEvent event, @SequenceNumber long sequence, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        changes.change(
                event.tokenId().value(),
                sequence,
                row -> row.revoked(event.revokedAt(), actor == null ? UNKNOWN_ACTOR : actor, event.reason()));
    }

    @EventHandler
    void on(TokenExpiredEvent event, @SequenceNumber long sequence) {
        changes.change(event.tokenId().value(), sequence, row -> row.expired(event.expiredAt()));
    }

    /**
     * Runs before a replay: the replay rebuilds every row from the first event on, into an empty table (truncated, so
     * with no dead rows to skip or vacuum).
     */
    @ResetHandler
    void reset() {
        logger.info("Clearing the dashboard for a replay of the token events");
        jdbc.sql("TRUNCATE token_dashboard").update();
    }
}
