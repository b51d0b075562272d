package com.versionforge.token.command.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What "now" is and how long a token may live, handed to the {@link ApiToken}'s handlers as a parameter so that the
 * deployment decides both and tests can fix the time.
 *
 * @param clock the only source of "now"
 * @param maximumLifetime the longest span from a token's creation to its expiry, positive
 */
public record TokenLifetimePolicy(Clock clock, Duration maximumLifetime) {

    /** 366 days, so that a one-year token stays possible when the year spans a leap day. */
    public static final Duration DEFAULT_MAXIMUM_LIFETIME = Duration.ofDays(366);

    public TokenLifetimePolicy {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maximumLifetime, "maximum lifetime");
        if (maximumLifetime.isNegative() || maximumLifetime.isZero()) {
            throw new IllegalArgumentException("The maximum lifetime of a token must be positive");
        }
    }

    /** The current instant by the policy's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The latest expiry allowed for a token created at {@code createdAt}. */
    public Instant latestExpiryFor(Instant createdAt) {
        return createdAt.plus(maximumLifetime);
    }
}
