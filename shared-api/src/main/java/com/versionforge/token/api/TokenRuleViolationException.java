package com.versionforge.token.api;

import java.util.Objects;

/** A token operation refused by a product rule; its message is safe to show and never contains a secret. */
public class TokenRuleViolationException extends RuntimeException {

    private final TokenErrorCode errorCode;

    public TokenRuleViolationException(TokenErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "error code");
    }

    /** Which rule was broken. */
    public TokenErrorCode errorCode() {
        return errorCode;
    }
}
