package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Parameter;

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

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    DashboardFilter filter() {
        return DashboardFilter.parse(status, scope, expiringWithinDays, q);
    }

    DashboardSort order() {
        return DashboardSort.parse(sort);
    }

    int pageSize() {
        return QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Where the page starts in {@code order}, or null for the first page. */
    DashboardCursor position(DashboardSort order) {
        return QueryParameters.isAbsent(cursor) ? null : DashboardCursor.decode(cursor, order);
    }
}
