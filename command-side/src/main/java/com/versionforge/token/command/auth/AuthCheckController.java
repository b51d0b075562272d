package com.versionforge.token.command.auth;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The use of a token, for gateways (nginx auth_request, ForwardAuth, ext_authz) and for the query side. */
@RestController
class AuthCheckController {

    static final String PATH = "/api/v1/auth/check";

    /** {@code ?refusals=auth-request}: refusals in the statuses nginx's auth_request relays (see README). */
    static final String AUTH_REQUEST_REFUSALS = "auth-request";

    private final TokenAuthenticator authenticator;
    private final RoutePolicy routePolicy;
    private final GatewaySecret gatewaySecret;

    AuthCheckController(TokenAuthenticator authenticator, RoutePolicy routePolicy, GatewaySecret gatewaySecret) {
        this.authenticator = authenticator;
        this.routePolicy = routePolicy;
        this.gatewaySecret = gatewaySecret;
    }

    /**
     * Reads its inputs from the request and writes its headers to the response directly, rather than through argument
     * resolvers and a {@code ResponseEntity}: they cost a gateway's every request, and this is the path that
     * {@code bench/auth-check.sh} measures.
     */
    @Operation(
            summary = "Check a token against the scope of a request",
            description = "With refusals=auth-request, a refusal other than 401 is answered 403 with"
                    + " X-VF-Refusal-Status naming its real status, for gateways such as nginx auth_request."
                    + " With X-VF-Gateway-Secret equal to the configured vf.gateway.secret, the check is a"
                    + " gateway's pre-check: it neither counts against the rate limit nor records a use, and a"
                    + " pass carries no X-RateLimit-* headers.")
    @Parameter(name = HttpHeaders.AUTHORIZATION, in = ParameterIn.HEADER, description = "Bearer vf_tok_…")
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "read-only, sync-trigger or admin")
    @Parameter(name = "refusals", in = ParameterIn.QUERY, description = "standard (default) or auth-request")
    @GetMapping(PATH)
    CheckResult check(HttpServletRequest request, HttpServletResponse response) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String scope = request.getParameter("scope");
        String refusals = request.getParameter("refusals");
        boolean forAuthSubrequest = forAuthSubrequest(refusals);
        Caller caller;
        try {
            Scope required = requiredScope(scope, request);
            TokenAuthenticator.Client client = TokenAuthenticator.Client.of(request);
            // A gateway's pre-check: the service behind the gateway counts the request, so this check does not.
            caller = gatewaySecret.presentedBy(request)
                    ? authenticator.authenticateUncounted(authorization, required, client)
                    : authenticator.authenticate(authorization, required, client);
        } catch (AccessRefusedException e) {
            throw forAuthSubrequest ? e.forAuthSubrequest() : e;
        }

        String tokenId = caller.tokenId().toString();
        if (caller.rateLimit() != null) {
            caller.rateLimit().forEachHeader(response::setHeader);
        }
        response.setHeader("X-VF-Token-Id", tokenId);
        response.setHeader("X-VF-Tenant-Id", caller.tenantId().value());
        response.setHeader("X-VF-Token-Scope", caller.scope().wireName());
        return new CheckResult(
                tokenId, caller.tenantId().value(), caller.scope().wireName(), caller.expiresAt());
    }

    private static boolean forAuthSubrequest(String refusals) {
        if (refusals == null || "standard".equals(refusals)) {
            return false;
        }
        if (AUTH_REQUEST_REFUSALS.equals(refusals)) {
            return true;
        }
        throw new InvalidRequestException("refusals-invalid", "refusals is standard or auth-request");
    }

    private Scope requiredScope(String scope, HttpServletRequest request) {
        if (scope != null) {
            return Scope.fromWireName(scope).orElseThrow(UnknownScopeException::new);
        }
        String method = firstOf(request, "X-Forwarded-Method", "X-Original-Method");
        String uri = firstOf(request, "X-Forwarded-Uri", "X-Original-URI");
        return routePolicy.requiredScope(method, uri);
    }

    private static String firstOf(HttpServletRequest request, String header, String fallback) {
        String value = request.getHeader(header);
        return value != null ? value : request.getHeader(fallback);
    }

    /** What a gateway learns of a passing token; never the secret. */
    record CheckResult(String tokenId, String tenantId, String scope, Instant expiresAt) {}
}
