package com.versionforge.token.command.token;

import static com.versionforge.token.command.support.TokenApi.assertProblem;
import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RowCounts;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Nothing of one tenant is changeable by, or even visible to, a token of another. */
class TenantIsolationIT extends RunningCommandSide {

    private static final String TENANT_A = "acme";
    private static final String TENANT_B = "globex";
    private static final String UNKNOWN_TOKEN_ID = "00000000-0000-4000-8000-000000000000";

    private IssuedToken adminOfA;
    private IssuedToken adminOfB;

    @BeforeEach
    void issueAdmins() {
        adminOfA = issuer.issue(TENANT_A, Scope.ADMIN);
        adminOfB = issuer.issue(TENANT_B, Scope.ADMIN);
    }

    @Test
    void answersNotFoundWhenAnotherTenantRevokesAndKeepsTheTokenWorking() {
        IssuedToken tokenOfA = issuer.issue(TENANT_A, Scope.READ_ONLY);
        RowCounts before = RowCounts.in(jdbc);

        ResponseEntity<String> response =
                api.revoke(adminOfB.secret(), tokenOfA.id().toString(), null);

        assertProblem(response, HttpStatus.NOT_FOUND, "token-not-found");
        assertThat(RowCounts.in(jdbc)).isEqualTo(before);
        ResponseEntity<String> check = api.check(tokenOfA.secret());
        assertThat(check.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(check.getHeaders().getFirst("X-VF-Tenant-Id")).isEqualTo(TENANT_A);
    }

    @Test
    void answersAnotherTenantsTokenExactlyLikeAnUnknownOne() {
        IssuedToken tokenOfA = issuer.issue(TENANT_A, Scope.READ_ONLY);

        JsonNode foreign = assertProblem(
                api.revoke(adminOfB.secret(), tokenOfA.id().toString(), null), HttpStatus.NOT_FOUND, "token-not-found");
        JsonNode unknown = assertProblem(
                api.revoke(adminOfB.secret(), UNKNOWN_TOKEN_ID, null), HttpStatus.NOT_FOUND, "token-not-found");

        assertThat(foreign.path("detail")).isEqualTo(unknown.path("detail"));
        assertThat(foreign.path("title")).isEqualTo(unknown.path("title"));
    }

    @Test
    void checksNameUniquenessWithinTheTenantOnly() {
        String name = "Shared pipeline name";
        assertThat(api.create(adminOfA.secret(), createBody(name, "read-only", "30d"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> sameNameInB = api.create(adminOfB.secret(), createBody(name, "read-only", "30d"));

        assertThat(sameNameInB.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String secretOfB = json(sameNameInB).path("token").asText();
        assertThat(api.check(secretOfB).getHeaders().getFirst("X-VF-Tenant-Id")).isEqualTo(TENANT_B);
    }
}
