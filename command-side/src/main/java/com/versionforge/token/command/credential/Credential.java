package com.versionforge.token.command.credential;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Instant;

/**
 * What the command side knows of a token without loading its aggregate: enough to check a request and to answer
 * create and revoke calls.
 *
 * @param graceEndsAt when a rotated token's grace period ends, or null when it has none
 */
public record Credential(
        TokenId tokenId,
        TenantId tenantId,
        String name,
        Scope scope,
        TokenStatus status,
        String tokenHint,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        Instant graceEndsAt) {

    /**
     * The status a caller sees. An active token past its expiry instant is expired, and a rotated one past the end of
     * its grace period revoked, even before the expiry process has recorded it: a deadline that fires late must not
     * keep a token working. Whichever of the two instants comes first decides.
     */
    public TokenStatus statusAt(Instant now) {
        if (status != TokenStatus.ACTIVE) {
            return status;
        }
        if (graceEndsAt != null && graceEndsAt.isBefore(expiresAt) && !now.isBefore(graceEndsAt)) {
            return TokenStatus.REVOKED;
        }
        return now.isBefore(expiresAt) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
    }

    /** When the token was revoked as of {@code now}: a grace period that has ended counts as its revocation. */
    public Instant revokedAtAsOf(Instant now) {
        if (revokedAt == null && status == TokenStatus.ACTIVE && statusAt(now) == TokenStatus.REVOKED) {
            return graceEndsAt;
        }
        return revokedAt;
    }
}
