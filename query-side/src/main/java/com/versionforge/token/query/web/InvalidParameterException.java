package com.versionforge.token.query.web;

import java.util.Objects;

/** A query parameter that breaks the HTTP contract; answered with 400 and its stable code. */
public class InvalidParameterException extends RuntimeException {

    private final String code;

    /**
     * @param code the problem+json {@code code}, such as {@code limit-invalid}
     * @param message a safe text for the client; it never echoes the offending value
     */
    public InvalidParameterException(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
