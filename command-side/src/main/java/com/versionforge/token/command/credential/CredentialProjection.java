package com.versionforge.token.command.credential;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.api.TokenUsedEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code token_credential} in step with the token events. It runs in a subscribing processor inside the
 * transaction that appends the event, with errors propagated, so the row and the event commit together or not at all.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
class CredentialProjection {

    static final String PROCESSING_GROUP = "token-credential";

    private static final String ACTIVE_NAME_INDEX = "token_credential_active_name";

    private final JdbcClient jdbc;

    CredentialProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TokenCreatedEvent event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        try {
            jdbc.sql("""
                            INSERT INTO token_credential (token_id, tenant_id, secret_digest, token_hint, name, scope,
                                status, created_at, created_by, expires_at, rotated_from)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                                (SELECT p.token_id FROM token_credential p WHERE p.rotated_to = ?))
                            ON CONFLICT (token_id) DO NOTHING""")
                    .param(event.tokenId().value())
                    .param(event.tenantId().value())
                    .param(event.secretDigest().hex())
                    .param(event.tokenHint())
                    .param(event.name().value())
                    .param(event.scope().wireName())
                    .param(TokenStatus.ACTIVE.wireName())
                    .param(timestamp(event.createdAt()))
                    .param(actor == null ? "unknown" : actor)
                    .param(timestamp(event.expiresAt()))
                    .param(event.tokenId().value())
                    .update();
        } catch (DuplicateKeyException e) {
            if (e.getMessage() != null && e.getMessage().contains(ACTIVE_NAME_INDEX)) {
                throw new TokenRuleViolationException(
                        TokenErrorCode.NAME_TAKEN, "Another active token of this tenant has that name");
            }
            throw e;
        }
    }

    @EventHandler
    void on(TokenRevokedEvent event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        jdbc.sql("""
                        UPDATE token_credential SET status = ?, revoked_at = ?, revoked_by = ?, revoke_reason = ?
                        WHERE token_id = ?""")
                .param(TokenStatus.REVOKED.wireName())
                .param(timestamp(event.revokedAt()))
                .param(actor == null ? "unknown" : actor)
                .param(event.reason())
                .param(event.tokenId().value())
                .update();
        announceChange(event.tokenId());
    }

    /**
     * The successor's row follows in the same transaction and finds its predecessor through {@code rotated_to}. The
     * grace end is kept so that the auth check refuses the old token on time by the clock, whether or not the expiry
     * process revokes it on time.
     */
    @EventHandler
    void on(TokenRotatedEvent event) {
        jdbc.sql("UPDATE token_credential SET rotated_to = ?, grace_ends_at = ? WHERE token_id = ?")
                .param(event.successorId().value())
                .param(event.graceEndsAt() == null ? null : timestamp(event.graceEndsAt()))
                .param(event.tokenId().value())
                .update();
        announceChange(event.tokenId());
    }

    @EventHandler
    void on(TokenUsedEvent event) {
        jdbc.sql("""
                        UPDATE token_credential SET last_used_at = ?
                        WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)""")
                .param(timestamp(event.lastUsedAt()))
                .param(event.tokenId().value())
                .param(timestamp(event.lastUsedAt()))
                .update();
    }

    @EventHandler
    void on(TokenExpiredEvent event) {
        jdbc.sql("UPDATE token_credential SET status = ?, expired_at = ? WHERE token_id = ?")
                .param(TokenStatus.EXPIRED.wireName())
                .param(timestamp(event.expiredAt()))
                .param(event.tokenId().value())
                .update();
        announceChange(event.tokenId());
    }

    /** Delivered by PostgreSQL to every node's listener when, and only if, this transaction commits. */
    private void announceChange(TokenId tokenId) {
        jdbc.sql("SELECT pg_notify(?, ?)")
                .param(CredentialChangeListener.CHANNEL)
                .param(tokenId.toString())
                .query((row, rowNumber) -> rowNumber)
                .list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
