package com.versionforge.token.query.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The command side refused a request's token (401, 403 or 429). Its answer is relayed to the client unchanged: the
 * command side is the authority on tokens, and its codes and rate-limit headers are the contract of API.md.
 */
public class AuthRefusedException extends RuntimeException {

    private final HttpStatusCode status;
    private final HttpHeaders headers;
    private final byte[] body;

    AuthRefusedException(HttpStatusCode status, HttpHeaders headers, byte[] body) {
        super("The auth check refused the token with status " + status.value(), null, false, false);
        this.status = status;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.body = body.clone();
    }

    public HttpStatusCode status() {
        return status;
    }

    /** The headers to relay: content type, WWW-Authenticate, Retry-After and the rate-limit headers. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The command side's problem+json body as it came. */
    public byte[] body() {
        return body.clone();
    }
}
