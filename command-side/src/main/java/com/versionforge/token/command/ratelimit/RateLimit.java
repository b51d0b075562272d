package com.versionforge.token.command.ratelimit;

import java.util.function.BiConsumer;
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
        forEachHeader(headers::set);
        return headers;
    }

    /** The same headers, handed one by one to {@code header}: cheaper on the path of every check. */
    public void forEachHeader(BiConsumer<String, String> header) {
        header.accept("X-RateLimit-Limit", Integer.toString(limit));
        header.accept("X-RateLimit-Remaining", Long.toString(remaining));
        header.accept("X-RateLimit-Reset", Long.toString(resetEpochSecond));
        if (!allowed) {
            header.accept(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }
}
