package com.versionforge.token.query.compliance;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What the audit side knows of one token as of the report's instant.
 *
 * @param tokenId the token
 * @param name its name
 * @param scope its scope
 * @param createdAt when it was created, at or before the report's instant
 * @param createdBy who created it, or null when unknown
 * @param expiresAt when it stops (or stopped) working
 * @param revokedAt when it was revoked, or null when it was not by the report's instant
 * @param revokedBy who revoked it, or null
 * @param lastUsedAt the last passed check at or before the report's instant, or null when there was none
 */
record TokenRecord(
        UUID tokenId,
        String name,
        Scope scope,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        Instant lastUsedAt) {

    /**
     * This token as of {@code asOf}, given the end of its rotation's grace period (null when none): revoked at that end
     * when it came before the expiry and by {@code asOf}, unless a revocation was recorded; who revoked it stays unknown
     * until the revocation is recorded.
     */
    TokenRecord withGraceEnd(Instant graceEndsAt, Instant asOf) {
        if (revokedAt != null || graceEndsAt == null || !graceEndsAt.isBefore(expiresAt) || graceEndsAt.isAfter(asOf)) {
            return this;
        }
        return new TokenRecord(tokenId, name, scope, createdAt, createdBy, expiresAt, graceEndsAt, null, lastUsedAt);
    }

    /** The status at {@code asOf}: revoked once revoked, else expired from its expiry instant on, else active. */
    TokenStatus statusAt(Instant asOf) {
        if (revokedAt != null && !revokedAt.isAfter(asOf)) {
            return TokenStatus.REVOKED;
        }
        return expiresAt.isAfter(asOf) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
    }
}
