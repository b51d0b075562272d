package com.versionforge.token.api;

/** Where a token is in its life; only an active token passes a check, and no token ever becomes active again. */
public enum TokenStatus {
    /** Usable until its expiry instant. */
    ACTIVE("active"),
    /** Withdrawn by an admin or at the end of a rotation's grace period; final. */
    REVOKED("revoked"),
    /** Past its expiry instant; final. */
    EXPIRED("expired");

    private final String wireName;

    TokenStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the HTTP API, such as {@code active}. */
    public String wireName() {
        return wireName;
    }
}
