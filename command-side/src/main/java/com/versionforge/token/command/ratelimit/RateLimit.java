package com.versionforge.token.command.ratelimit;

import org.springframework.http.HttpHeaders;

/**
 * Where a token stands in its current window.
 *
 * @param limit the requests its scope allows per window
 * @param remaining what is left of the window after this request
 * @param resetEpochSecond when the next window starts, in epoch seconds
 * @param allowed whether this request fitted in the window
 * @param retryAfterSeconds whole seconds until the next window, at least 1; meaningful when not allowed
 */
public record RateLimit(int limit, long remaining, long resetEpochSecond, boolean allowed, long retryAfterSeconds) {

    /** The standard headers of every authenticated answer, plus {@code Retry-After} when refused. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-RateLimit-Limit", Integer.toString(limit));
        headers.set("X-RateLimit-Remaining", Long.toString(remaining));
        headers.set("X-RateLimit-Reset", Long.toString(resetEpochSecond));
        if (!allowed) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return headers;
    }
}
