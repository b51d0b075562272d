package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.MutableClock;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.TokenHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/v1/auth/whoami tells a client which token it holds and what that token may do. */
@QuerySideIntegrationTest
class CallerIT {

    private static final String WHOAMI = "/api/v1/auth/whoami";
    private static final TenantId TENANT = new TenantId("whoami-co");
    private static final TokenId KNOWN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000c001"));
    private static final TokenId NEW = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000c002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Autowired
    private TokenHistory history;

    @Test
    void answersTheTenantIdScopeNameAndExpiryOfTheCallingToken() {
        Instant expiresAt = NOW.plus(Duration.ofDays(30));
        history.create(
                TokenHistory.created(KNOWN, TENANT, "Release dashboard", Scope.READ_ONLY, NOW, expiresAt), "operator");
        history.awaitDashboard();
        String reader = commandSide.pass("whoami-reader", TENANT, KNOWN, Scope.READ_ONLY);

        HttpResponse<String> response = client.get(WHOAMI, reader);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode caller = client.json(response);
        assertThat(caller.path("tenantId").asText()).isEqualTo(TENANT.value());
        assertThat(caller.path("tokenId").asText()).isEqualTo(KNOWN.toString());
        assertThat(caller.path("scope").asText()).isEqualTo("read-only");
        assertThat(caller.path("name").asText()).isEqualTo("Release dashboard");
        assertThat(Instant.parse(caller.path("expiresAt").asText())).isEqualTo(expiresAt);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
                .hasValue(StubCommandSide.RATE_LIMIT_REMAINING);
    }

    @Test
    void answersWithoutNameWhileTheDashboardHasNotSeenTheToken() {
        String admin = commandSide.pass("whoami-admin", TENANT, NEW, Scope.ADMIN);

        JsonNode caller = client.json(client.get(WHOAMI, admin));

        assertThat(caller.path("scope").asText()).isEqualTo("admin");
        assertThat(caller.path("name").isNull()).isTrue();
        assertThat(caller.path("expiresAt").isNull()).isTrue();
    }

    @Test
    void relaysTheRefusalOfAnUnknownToken() {
        HttpResponse<String> response = client.get(WHOAMI, "Bearer vf_tok_unknown");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(client.json(response).path("code").asText()).isEqualTo("token-invalid");
    }
}
