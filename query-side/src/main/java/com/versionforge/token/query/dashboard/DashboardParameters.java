package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /api/v1/tokens} as they came; each is checked only when it is read, and an empty
 * one counts as absent.
 */
record DashboardParameters(
        @Parameter(description = "active, revoked or expired; an active token past its expiry is expired")
        String status,

        @Parameter(description = "read-only, sync-trigger or admin")
        String scope,

        @Parameter(description = "active tokens expiring within this many days, 0 to 3650")
        String expiringWithinDays,

        @Parameter(description = "text the name contains, ignoring case")
        String q,

        @Parameter(description = "createdAt, expiresAt, lastUsedAt or name, - prefix for descending; -createdAt")
        String sort,

        @Parameter(description = "page size, 1 to 200; 50") String limit,

        @Parameter(description = "the nextCursor of the previous page")
        String cursor) {

    static final String LIMIT_INVALID = "limit-invalid";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    DashboardFilter filter() {
        return DashboardFilter.parse(status, scope, expiringWithinDays, q);
    }

    DashboardSort order() {
        return DashboardSort.parse(sort);
    }

    int pageSize() {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!LIMIT.matcher(limit).matches() || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw new InvalidParameterException(LIMIT_INVALID, "limit is a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    /** Where the page starts in {@code order}, or null for the first page. */
    DashboardCursor position(DashboardSort order) {
        return cursor == null || cursor.isEmpty() ? null : DashboardCursor.decode(cursor, order);
    }
}
