package com.versionforge.token.command.web;

/** Input that breaks a rule of the HTTP contract; answered with 400 and its code, and nothing changes. */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    public InvalidRequestException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
