package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who a token is, so that a client such as the token page can show what the signed-in token may do without trying
 * it: the auth check's tenant, token id and scope, with the token's name and expiry from the dashboard.
 */
@RestController
class CallerController {

    static final String PATH = "/api/v1/auth/whoami";

    private final DashboardRepository repository;

    CallerController(DashboardRepository repository) {
        this.repository = repository;
    }

    @Operation(summary = "The calling token: tenant, id, scope, and its name and expiry once the dashboard has it")
    @GetMapping(PATH)
    CallerView whoAmI(@Parameter(hidden = true) Caller caller) {
        Optional<DashboardEntry> entry = repository.findInTenant(caller.tokenId(), caller.tenantId());
        return new CallerView(
                caller.tenantId().value(),
                caller.tokenId().toString(),
                caller.scope().wireName(),
                entry.map(DashboardEntry::name).orElse(null),
                entry.map(DashboardEntry::expiresAt).orElse(null));
    }

    /**
     * The calling token; {@code name} and {@code expiresAt} are null for the second or so before the dashboard has
     * caught up with a new token.
     */
    record CallerView(String tenantId, String tokenId, String scope, String name, Instant expiresAt) {}
}
