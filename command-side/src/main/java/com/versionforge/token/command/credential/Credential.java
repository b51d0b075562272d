package com.versionforge.token.command.credential;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Instant;

/**
 * What the command side knows of a token without loading its aggregate: enough to check a request and to answer
 * create and revoke calls.
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
        String revokedBy) {

    /** The status a caller sees: an active token past its expiry instant is expired even before the expiry job ran. */
    public TokenStatus statusAt(Instant now) {
        return status == TokenStatus.ACTIVE && !now.isBefore(expiresAt) ? TokenStatus.EXPIRED : status;
    }
}
