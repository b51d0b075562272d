package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.query.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard of the caller's tenant: its tokens, filtered, sorted and paged, and one token by id. */
@RestController
@RequestMapping("/api/v1/tokens")
class DashboardController {

    private final DashboardRepository repository;
    private final Clock clock;

    DashboardController(DashboardRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Operation(summary = "List the tenant's tokens")
    @GetMapping
    TokenPage list(@ParameterObject DashboardParameters parameters, @Parameter(hidden = true) Caller caller) {
        DashboardFilter filter = parameters.filter();
        DashboardSort order = parameters.order();
        int pageSize = parameters.pageSize();
        DashboardCursor after = parameters.position(order);
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
