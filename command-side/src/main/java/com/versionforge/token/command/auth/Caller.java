package com.versionforge.token.command.auth;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.time.Instant;

/** The token a request was authenticated with; the tenant of every action is the caller's own. */
public record Caller(TokenId tokenId, TenantId tenantId, Scope scope, String tokenHint, Instant expiresAt) {

    /** How the caller appears in audit metadata. */
    public String actor() {
        return AuditMetadata.tokenActor(tokenId);
    }
}
