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

    /** The reason a rotated token is revoked with when its grace period ends. */
    static final String ROTATED_REASON = "rotated";

    /**
     * The status a caller sees, by the same rule as the auth check: an active token past its expiry instant is expired,
     * and a rotated one past the end of its grace period revoked, before the event that records it lands. Whichever of
     * the two instants comes first decides.
     */
    TokenStatus statusAt(Instant now) {
        if (status != TokenStatus.ACTIVE) {
            return status;
        }
        if (graceEndedAt(now)) {
            return TokenStatus.REVOKED;
        }
        return now.isBefore(expiresAt) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
    }

    /** When the token was revoked as of {@code now}: a grace period that has ended counts as its revocation. */
    Instant revokedAtAsOf(Instant now) {
        return status == TokenStatus.ACTIVE && graceEndedAt(now) ? graceEndsAt : revokedAt;
    }

    /** Why the token was revoked as of {@code now}; who revoked it stays unknown until the revocation is recorded. */
    String revokeReasonAsOf(Instant now) {
        return status == TokenStatus.ACTIVE && graceEndedAt(now) ? ROTATED_REASON : revokeReason;
    }

    /** Whether the token is active and expires within {@link #EXPIRING_SOON} of {@code now}. */
    boolean expiringSoonAt(Instant now) {
        return statusAt(now) == TokenStatus.ACTIVE && !expiresAt.isAfter(now.plus(EXPIRING_SOON));
    }

    private boolean graceEndedAt(Instant now) {
        return graceEndsAt != null && graceEndsAt.isBefore(expiresAt) && !now.isBefore(graceEndsAt);
    }
}
