package com.versionforge.token.query.auth;

/** The command side could not say whether a token may pass: unreachable, too slow, failing or answering nonsense. */
public class AuthUnavailableException extends RuntimeException {

    /** The problem+json code of the 503 answered in its place. */
    public static final String CODE = "auth-unavailable";

    AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
