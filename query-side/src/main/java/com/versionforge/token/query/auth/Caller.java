package com.versionforge.token.query.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;

/**
 * The token a request was authenticated with, as the command side's auth check vouched for it; every read is confined
 * to its tenant.
 */
public record Caller(TokenId tokenId, TenantId tenantId, Scope scope) {}
