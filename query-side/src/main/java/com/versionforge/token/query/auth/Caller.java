package com.versionforge.token.query.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;

/**
 * The token a request was authenticated with, as the command side's auth check vouched for it; every read is confined
 * to its tenant.
 */
public record Caller(TokenId tokenId, TenantId tenantId, Scope scope) {

    /**
     * Lets the request on only if this token's scope covers {@code required}; the auth check asked for read-only.
     *
     * @throws InsufficientScopeException otherwise, answered with 403 {@code insufficient-scope}
     */
    public void requireScope(Scope required) {
        if (!scope.includes(required)) {
            throw new InsufficientScopeException(required);
        }
    }
}
