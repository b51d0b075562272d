package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One token as the dashboard knows it from its events. Nullable: {@code lastUsedAt} and {@code lastUsedIp} until the
 * first use (the IP also when unknown), the revocation fields unless revoked, {@code expiredAt} unless expired,
 * {@code rotatedFrom} unless it replaced a token, {@code rotatedTo} unless it was replaced, {@code graceEndsAt} unless
 * it was replaced with a grace period (when it is revoked by itself).
 */
record DashboardEntry(
        TokenId tokenId,
        TenantId tenantId,
        String name,
        Scope scope,
        TokenStatus status,
        String tokenHint,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant lastUsedAt,
        String lastUsedIp,
        long useCount,
        Instant revokedAt,
        String revokedBy,
        String revokeReason,
        Instant expiredAt,
        TokenId rotatedFrom,
        TokenId rotatedTo,
        Instant graceEndsAt) {

    /** How long before its expiry an active token is flagged as expiring soon. */
    static final Duration EXPIRING_SOON = Duration.ofDays(14);

    /** The status a caller sees: an active token past its expiry instant is expired before its expiry event lands. */
    TokenStatus statusAt(Instant now) {
        return status == TokenStatus.ACTIVE && !now.isBefore(expiresAt) ? TokenStatus.EXPIRED : status;
    }

    /** Whether the token is active and expires within {@link #EXPIRING_SOON} of {@code now}. */
    boolean expiringSoonAt(Instant now) {
        return statusAt(now) == TokenStatus.ACTIVE && !expiresAt.isAfter(now.plus(EXPIRING_SOON));
    }
}
