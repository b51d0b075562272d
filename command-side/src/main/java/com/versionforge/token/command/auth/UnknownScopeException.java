package com.versionforge.token.command.auth;

/** A request named a scope that does not exist. */
public class UnknownScopeException extends RuntimeException {

    public UnknownScopeException() {
        super("Unknown scope; use read-only, sync-trigger or admin", null, false, false);
    }
}
