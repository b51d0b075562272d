package com.versionforge.token.api;

/** The stable codes of refused token operations; the HTTP layer turns each into a problem+json {@code code}. */
public enum TokenErrorCode {
    /** The name is empty, too long or contains control characters. */
    NAME_INVALID("name-invalid"),
    /** Another active token of the tenant already has this name. */
    NAME_TAKEN("name-taken"),
    /** No expiry was given; a token without one cannot exist. */
    EXPIRY_REQUIRED("expiry-required"),
    /** The expiry is malformed, not in the future, or beyond the deployment's maximum lifetime. */
    EXPIRY_INVALID("expiry-invalid"),
    /** A rotation's grace period is malformed, out of range, or already over when the rotation is decided. */
    GRACE_PERIOD_INVALID("grace-period-invalid"),
    /** The requested scope is above the scope of the token that asks for it. */
    SCOPE_ABOVE_CALLER("scope-above-caller"),
    /** The token is revoked or expired, so the operation no longer applies. */
    TOKEN_NOT_ACTIVE("token-not-active"),
    /** The token already has a successor; rotate the successor instead. */
    TOKEN_ALREADY_ROTATED("token-already-rotated"),
    /** The token is still active, so no check can have refused it for being revoked or expired. */
    TOKEN_STILL_ACTIVE("token-still-active"),
    /** The token's expiry instant has not come yet. */
    EXPIRY_NOT_REACHED("expiry-not-reached"),
    /** No token with this id exists in the caller's tenant. */
    TOKEN_NOT_FOUND("token-not-found");

    private final String code;

    TokenErrorCode(String code) {
        this.code = code;
    }

    /** The code as it appears in problem+json bodies, such as {@code name-taken}. */
    public String code() {
        return code;
    }
}
