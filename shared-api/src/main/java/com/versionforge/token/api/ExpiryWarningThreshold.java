package com.versionforge.token.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * How long before its expiry instant a token's tenant admin is warned. A warning whose time has already passed when
 * the token is created is skipped, never sent late.
 */
public enum ExpiryWarningThreshold {
    /** Two weeks ahead: time to plan a rotation. */
    FOURTEEN_DAYS("14d", Duration.ofDays(14)),
    /** Three days ahead: the last call. */
    THREE_DAYS("3d", Duration.ofDays(3));

    private final String wireName;
    private final Duration beforeExpiry;

    ExpiryWarningThreshold(String wireName, Duration beforeExpiry) {
        this.wireName = wireName;
        this.beforeExpiry = beforeExpiry;
    }

    /** The name used in messages and the HTTP API, such as {@code 14d}. */
    public String wireName() {
        return wireName;
    }

    /** How long before the expiry instant the warning is due. */
    public Duration beforeExpiry() {
        return beforeExpiry;
    }

    /** The instant this warning is due for a token expiring at {@code expiresAt}. */
    public Instant dueAt(Instant expiresAt) {
        return expiresAt.minus(beforeExpiry);
    }

    /** The threshold of that wire name, or empty when there is none. */
    public static Optional<ExpiryWarningThreshold> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
