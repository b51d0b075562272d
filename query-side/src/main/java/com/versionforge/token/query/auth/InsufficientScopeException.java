package com.versionforge.token.query.auth;

import com.versionforge.token.api.Scope;

/** The caller's token passed the auth check, but its scope is below what the endpoint needs. */
public class InsufficientScopeException extends RuntimeException {

    /** The problem+json code, as the command side uses it. */
    public static final String CODE = "insufficient-scope";

    private final Scope requiredScope;

    InsufficientScopeException(Scope requiredScope) {
        super("This needs a token of scope " + requiredScope.wireName() + " or above", null, false, false);
        this.requiredScope = requiredScope;
    }

    public Scope requiredScope() {
        return requiredScope;
    }
}
