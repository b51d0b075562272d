package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.query.auth.Caller;
import com.versionforge.token.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard of the caller's tenant: its tokens, filtered, sorted and paged, and one token by id. */
@RestController
@RequestMapping("/api/v1/tokens")
class DashboardController {

    static final String LIMIT_INVALID = "limit-invalid";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    private final DashboardRepository repository;
    private final Clock clock;

    DashboardController(DashboardRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Operation(summary = "List the tenant's tokens")
    @GetMapping
    TokenPage list(
            @Parameter(description = "active, revoked or expired; an active token past its expiry is expired")
                    @RequestParam(name = "status", required = false)
                    String status,
            @Parameter(description = "read-only, sync-trigger or admin") @RequestParam(name = "scope", required = false)
                    String scope,
            @Parameter(description = "active tokens expiring within this many days (0 to 3650)")
                    @RequestParam(name = "expiringWithinDays", required = false)
                    String expiringWithinDays,
            @Parameter(description = "text the name contains, ignoring case")
                    @RequestParam(name = "q", required = false)
                    String q,
            @Parameter(description = "createdAt, expiresAt, lastUsedAt or name; - prefix for descending; -createdAt")
                    @RequestParam(name = "sort", required = false)
                    String sort,
            @Parameter(description = "page size, 1 to 200; 50") @RequestParam(name = "limit", required = false)
                    String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(name = "cursor", required = false)
                    String cursor,
            @Parameter(hidden = true) Caller caller) {
        DashboardFilter filter = DashboardFilter.parse(status, scope, expiringWithinDays, q);
        DashboardSort order = DashboardSort.parse(sort);
        int pageSize = pageSize(limit);
        DashboardCursor after = cursor == null || cursor.isEmpty() ? null : DashboardCursor.decode(cursor, order);
        Instant now = clock.instant();

        DashboardPage page = repository.findPage(caller.tenantId(), filter, order, after, pageSize, now);
        return TokenPage.of(page, now);
    }

    @Operation(summary = "One token of the tenant")
    @GetMapping("/{id}")
    TokenView get(@PathVariable("id") String id, @Parameter(hidden = true) Caller caller) {
        DashboardEntry entry =
                repository.findInTenant(tokenId(id), caller.tenantId()).orElseThrow(DashboardController::notFound);
        return TokenView.of(entry, clock.instant());
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!LIMIT.matcher(limit).matches() || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw new InvalidParameterException(LIMIT_INVALID, "limit is a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static TokenId tokenId(String id) {
        try {
            return TokenId.parse(id);
        } catch (IllegalArgumentException e) {
            // A malformed id names no token, just like an unknown one.
            throw notFound();
        }
    }

    private static TokenRuleViolationException notFound() {
        return new TokenRuleViolationException(TokenErrorCode.TOKEN_NOT_FOUND, "No such token");
    }
}
