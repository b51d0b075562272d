package com.versionforge.token.command.auth;

import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/v1/auth/check as a gateway calls it: which token passes for which route, and why others do not. */
class AuthCheckIT extends RunningCommandSide {

    private static final String TENANT = "acme";

    private IssuedToken readOnly;
    private IssuedToken syncTrigger;

    @BeforeEach
    void issueTokens() {
        readOnly = issuer.issue(TENANT, Scope.READ_ONLY);
        syncTrigger = issuer.issue(TENANT, Scope.SYNC_TRIGGER);
    }

    @Test
    void passesReadOnlyTokenWhenNothingNamesAScope() {
        assertThat(api.check(readOnly.secret()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesTokenBelowTheScopeTheQueryAsksFor() {
        ResponseEntity<String> response = api.check(syncTrigger.secret(), "?scope=admin", new HttpHeaders());

        JsonNode problem = assertProblem(response, HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo("admin");
    }

    @Test
    void letsTheScopeQueryOverrideTheForwardedRoute() {
        HttpHeaders adminRoute = forwarded("DELETE", "/api/v1/connections/7");

        ResponseEntity<String> response = api.check(readOnly.secret(), "?scope=read-only", adminRoute);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesUnknownScopeInTheQuery() {
        assertProblem(
                api.check(readOnly.secret(), "?scope=root", new HttpHeaders()),
                HttpStatus.BAD_REQUEST,
                "scope-invalid");
    }

    @Test
    void appliesTheRoutePolicyToForwardedMethodAndUri() {
        HttpHeaders trigger = forwarded("POST", "/api/v1/syncs/42/trigger");

        JsonNode problem =
                assertProblem(api.check(readOnly.secret(), "", trigger), HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo("sync-trigger");
        assertThat(api.check(syncTrigger.secret(), "", trigger).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void appliesTheRoutePolicyToOriginalMethodAndUri() {
        HttpHeaders audit = new HttpHeaders();
        audit.set("X-Original-Method", "GET");
        audit.set("X-Original-URI", "/api/v1/audit-events?from=2026-01-01T00:00:00Z");

        JsonNode problem =
                assertProblem(api.check(syncTrigger.secret(), "", audit), HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo("admin");
        IssuedToken admin = issuer.issue(TENANT, Scope.ADMIN);
        assertThat(api.check(admin.secret(), "", audit).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "DELETE, /api/v1/connections/7?q=a|b, admin",
        "GET, /api/v1/audit-events?q={x}, admin",
        "GET, /api/v1/./audit-events, admin",
        "GET, //api/v1/audit-events, admin",
        "GET, /api/v1/..;/v1/audit-events, admin",
        "POST, /api/v1/syncs/42/trigger?force=<yes>, sync-trigger",
    })
    void readsForwardedUrisThatJavaUriRejectsWithoutFailingOpen(String method, String uri, String requiredScope) {
        ResponseEntity<String> response = api.check(readOnly.secret(), "", forwarded(method, uri));

        JsonNode problem = assertProblem(response, HttpStatus.FORBIDDEN, "insufficient-scope");
        assertThat(problem.path("requiredScope").asText()).isEqualTo(requiredScope);
    }

    @Test
    void refusesRequestWithoutAuthorizationAsTokenMissing() {
        ResponseEntity<String> response = api.check(null);

        assertProblem(response, HttpStatus.UNAUTHORIZED, "token-missing");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void refusesOtherAuthorizationSchemesAsTokenMissing() {
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth("ci", "hunter2");

        ResponseEntity<String> response = api.check(null, "", basic);

        assertProblem(response, HttpStatus.UNAUTHORIZED, "token-missing");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void refusesTokenWithBadChecksumAsInvalid() {
        String secret = readOnly.secret();
        char last = secret.charAt(secret.length() - 1);
        String altered = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertProblem(api.check(altered), HttpStatus.UNAUTHORIZED, "token-invalid");
    }

    @Test
    void refusesWellFormedTokenItNeverIssuedAsInvalid() {
        String neverIssued = TokenSecret.generate().reveal();

        assertProblem(api.check(neverIssued), HttpStatus.UNAUTHORIZED, "token-invalid");
    }

    private static HttpHeaders forwarded(String method, String uri) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-Method", method);
        headers.set("X-Forwarded-Uri", uri);
        return headers;
    }
}
