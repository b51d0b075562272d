package com.versionforge.token.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import com.versionforge.token.query.testing.StubCommandSide.Answer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The command side decides who may read: its refusals reach the client unchanged, and when it cannot be asked, the
 * query side answers 503 rather than guess.
 */
@QuerySideIntegrationTest
class AuthRelayIT {

    private static final TenantId TENANT = new TenantId("relay-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000e001"));
    private static final String TOKENS = "/api/v1/tokens";

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    @Test
    void asksForTheReadOnlyScopeWithTheCallersAuthorizationUnchanged() {
        String reader = commandSide.pass("relay-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);

        HttpResponse<String> response = client.get(TOKENS, reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(commandSide.lastRequest().query()).isEqualTo("scope=read-only");
        assertThat(commandSide.lastRequest().authorization()).isEqualTo(reader);
    }

    @Test
    void forwardsTheClientsAddressAndUserAgentSoTheLastUseNamesTheClient() {
        String reader = commandSide.pass("relay-forwarder", TENANT, READER_TOKEN, Scope.READ_ONLY);

        client.get(TOKENS, reader);

        assertThat(commandSide.lastRequest().forwardedFor()).isEqualTo("127.0.0.1");
        assertThat(commandSide.lastRequest().userAgent()).startsWith("Java-http-client");
    }

    @Test
    void passesTheRateLimitHeadersOfAPassedCheckOn() {
        String reader = commandSide.pass("relay-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);

        HttpResponse<String> response = client.get(TOKENS, reader);

        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(StubCommandSide.RATE_LIMIT_LIMIT);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
                .hasValue(StubCommandSide.RATE_LIMIT_REMAINING);
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue(StubCommandSide.RATE_LIMIT_RESET);
    }

    @Test
    void relaysAnUnknownTokensRefusalWithBodyAndChallenge() {
        HttpResponse<String> response = client.get(TOKENS, "Bearer vf_tok_unknown");

        Answer expected =
                Answer.problem(401, "token-invalid", Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(expected.body());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void relaysTheRefusalOfARequestWithoutToken() {
        HttpResponse<String> response = client.get(TOKENS + "/" + READER_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(client.json(response).get("code").asText()).isEqualTo("token-missing");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void refusesBeforeLookingAtTheParameters() {
        HttpResponse<String> response = client.get(TOKENS + "?limit=0", "Bearer vf_tok_unknown");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void relaysAnInsufficientScope() {
        String caller = commandSide.answer("relay-scope", Answer.problem(403, "insufficient-scope", Map.of()));

        HttpResponse<String> response = client.get(TOKENS, caller);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(client.json(response).get("code").asText()).isEqualTo("insufficient-scope");
    }

    @Test
    void relaysARateLimitRefusalWithRetryAfterAndRateLimitHeaders() {
        String caller = commandSide.answer(
                "relay-limited",
                Answer.problem(
                        429,
                        "rate-limited",
                        Map.of(
                                "Retry-After", "17",
                                "X-RateLimit-Limit", "120",
                                "X-RateLimit-Remaining", "0",
                                "X-RateLimit-Reset", "1800000017")));

        HttpResponse<String> response = client.get(TOKENS, caller);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(client.json(response).get("code").asText()).isEqualTo("rate-limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("17");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("120");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue("1800000017");
    }

    @Test
    void answersServiceUnavailableWhenTheCommandSideFails() {
        String caller = commandSide.answer(
                "relay-failing", new Answer(500, Map.of("Content-Type", "text/plain"), "boom", Duration.ZERO));

        HttpResponse<String> response = client.get(TOKENS, caller);

        assertUnavailable(response);
    }

    @Test
    void answersServiceUnavailableWhenTheCommandSideIsTooSlow() {
        String caller = commandSide.answer("relay-slow", new Answer(200, Map.of(), "", Duration.ofMillis(2500)));

        HttpResponse<String> response = client.get(TOKENS, caller);

        assertUnavailable(response);
    }

    @Test
    void answersServiceUnavailableWhenAPassedCheckNamesNoTenant() {
        String caller = commandSide.answer(
                "relay-anonymous",
                new Answer(
                        200,
                        Map.of("X-VF-Token-Id", READER_TOKEN.toString(), "X-VF-Token-Scope", "read-only"),
                        "",
                        Duration.ZERO));

        HttpResponse<String> response = client.get(TOKENS, caller);

        assertUnavailable(response);
    }

    private void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.json(response).get("code").asText()).isEqualTo("auth-unavailable");
    }
}
