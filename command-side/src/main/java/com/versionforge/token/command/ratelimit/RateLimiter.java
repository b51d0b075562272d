package com.versionforge.token.command.ratelimit;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Counts each token's requests against its scope's limit in windows aligned to the minute, so that exactly the limit
 * passes in a window, whatever the concurrency and however many nodes share the bucket store.
 */
@Component
public class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final TokenBuckets buckets;
    private final RateLimitProperties properties;
    private final Clock clock;

    RateLimiter(TokenBuckets buckets, RateLimitProperties properties, Clock clock) {
        this.buckets = buckets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes one request from the token's window if there is one left. */
    public RateLimit consume(TokenId tokenId, Scope scope) {
        int limit = properties.limitOf(scope);
        ConsumptionProbe probe = bucket(tokenId, limit).tryConsumeAndReturnRemaining(1);
        return rateLimit(limit, probe.getRemainingTokens(), probe.isConsumed());
    }

    /** Where the token stands, without counting a request: for answers that refuse before any use. */
    public RateLimit peek(TokenId tokenId, Scope scope) {
        int limit = properties.limitOf(scope);
        return rateLimit(limit, bucket(tokenId, limit).getAvailableTokens(), true);
    }

    private Bucket bucket(TokenId tokenId, int limit) {
        return buckets.bucket(bucketKey(tokenId, limit), () -> configuration(limit));
    }

    private BucketConfiguration configuration(int limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit).refillIntervallyAligned(limit, WINDOW, nextWindowStart()))
                .build();
    }

    private RateLimit rateLimit(int limit, long remaining, boolean allowed) {
        long now = clock.millis();
        long reset = nextWindowStart().getEpochSecond();
        long retryAfter = Math.max(1, reset - Math.floorDiv(now, 1000));
        return new RateLimit(limit, remaining, reset, allowed, retryAfter);
    }

    private Instant nextWindowStart() {
        long windowMillis = WINDOW.toMillis();
        return Instant.ofEpochMilli((Math.floorDiv(clock.millis(), windowMillis) + 1) * windowMillis);
    }

    /** The limit is part of the key, so a changed limit starts a fresh bucket instead of reusing an old one's shape. */
    private static String bucketKey(TokenId tokenId, int limit) {
        return tokenId + "/" + limit;
    }
}
