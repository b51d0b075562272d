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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Nothing of one tenant is visible to a token of another: another tenant's token is as absent as an unknown one. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {

    private static final TenantId ACME = new TenantId("isolation-acme");
    private static final TenantId GLOBEX = new TenantId("isolation-globex");
    private static final TokenId ACME_READER = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000f001"));
    private static final TokenId GLOBEX_READER = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000f002"));
    private static final TokenId ACME_PIPELINE = new TokenId(UUID.fromString("a0000000-0000-4000-8000-000000000001"));
    private static final TokenId ACME_MONITOR = new TokenId(UUID.fromString("a0000000-0000-4000-8000-000000000002"));
    private static final TokenId GLOBEX_PIPELINE = new TokenId(UUID.fromString("b0000000-0000-4000-8000-000000000001"));
    private static final String SHARED_NAME = "Shared name";
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String acme;
    private String globex;

    @BeforeAll
    void givenTwoTenantsWithLookalikeTokens() {
        acme = commandSide.pass("isolation-acme-reader", ACME, ACME_READER, Scope.ADMIN);
        globex = commandSide.pass("isolation-globex-reader", GLOBEX, GLOBEX_READER, Scope.ADMIN);
        createToken(ACME_PIPELINE, ACME, NOW.minus(Duration.ofDays(2)));
        createToken(ACME_MONITOR, ACME, NOW.minus(Duration.ofDays(1)));
        createToken(GLOBEX_PIPELINE, GLOBEX, NOW.minus(Duration.ofDays(3)));
        history.awaitDashboard();
    }

    @Test
    void listsOnlyTheCallersTenant() {
        assertThat(ids(client.json(client.get("/api/v1/tokens", acme)))).containsExactly(ACME_MONITOR, ACME_PIPELINE);
        assertThat(ids(client.json(client.get("/api/v1/tokens", globex)))).containsExactly(GLOBEX_PIPELINE);
    }

    @Test
    void searchesOnlyTheCallersTenant() {
        JsonNode page = client.json(client.get("/api/v1/tokens?q=shared&status=active&scope=read-only", globex));

        assertThat(ids(page)).containsExactly(GLOBEX_PIPELINE);
    }

    @Test
    void answersAnotherTenantsTokenAsNotFound() {
        HttpResponse<String> response = client.get("/api/v1/tokens/" + GLOBEX_PIPELINE, acme);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client.json(response).get("code").asText()).isEqualTo("token-not-found");
    }

    @Test
    void showsTheCallersOwnToken() {
        HttpResponse<String> response = client.get("/api/v1/tokens/" + GLOBEX_PIPELINE, globex);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(client.json(response).get("id").asText()).isEqualTo(GLOBEX_PIPELINE.toString());
    }

    @Test
    void staysInTheCallersTenantWhenGivenAnotherTenantsCursor() {
        String acmeCursor = client.json(client.get("/api/v1/tokens?limit=1", acme))
                .get("nextCursor")
                .asText();

        JsonNode page = client.json(client.get(
                "/api/v1/tokens?limit=1&cursor=" + URLEncoder.encode(acmeCursor, StandardCharsets.UTF_8), globex));

        assertThat(ids(page)).containsExactly(GLOBEX_PIPELINE);
    }

    private void createToken(TokenId tokenId, TenantId tenantId, Instant createdAt) {
        history.create(
                TokenHistory.created(
                        tokenId, tenantId, SHARED_NAME, Scope.READ_ONLY, createdAt, NOW.plus(Duration.ofDays(30))),
                "user:" + tenantId);
    }

    private static List<TokenId> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> TokenId.parse(item.get("id").asText()))
                .toList();
    }
}
