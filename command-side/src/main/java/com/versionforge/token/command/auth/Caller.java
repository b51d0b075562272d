package com.versionforge.token.command.auth;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.ratelimit.RateLimit;
import java.time.Instant;

/**
 * The token a request was authenticated with; the tenant of every action is the caller's own.
 *
 * @param rateLimit where the token stands in its rate-limit window after this request; null after a gateway's
 *     pre-check, which leaves the window to the service behind the gateway
 */
public record Caller(
        TokenId tokenId, TenantId tenantId, Scope scope, String tokenHint, Instant expiresAt, RateLimit rateLimit) {

    /** How the caller appears in audit metadata. */
    public String actor() {
        return AuditMetadata.tokenActor(tokenId);
    }
}
