package com.versionforge.token.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a token may do. Scopes are ordered; a higher scope includes every permission of the lower ones, and a token
 * never issues a token of a higher scope than its own.
 */
public enum Scope {
    /** Reads: dashboards, sync status, monitoring. */
    READ_ONLY("read-only", 120),
    /** Reads plus triggering and retrying syncs, as a CI/CD pipeline does. */
    SYNC_TRIGGER("sync-trigger", 60),
    /** Everything, including managing tokens, connections, settings and users. */
    ADMIN("admin", 30);

    private final String wireName;
    private final int requestsPerMinute;

    Scope(String wireName, int requestsPerMinute) {
        this.wireName = wireName;
        this.requestsPerMinute = requestsPerMinute;
    }

    /** The name used in the HTTP API, such as {@code sync-trigger}. */
    public String wireName() {
        return wireName;
    }

    /** The per-token rate limit of this scope, in requests per minute. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Whether a token of this scope may do what {@code required} allows. */
    public boolean includes(Scope required) {
        return compareTo(required) >= 0;
    }

    /** The scope of that wire name, or empty when there is none. */
    public static Optional<Scope> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }
}
