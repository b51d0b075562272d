package com.versionforge.token.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.command.support.Http;
import com.versionforge.token.command.support.MutableClock;
import com.versionforge.token.command.support.TestDatabase;
import com.versionforge.token.command.support.TestTokens;
import com.versionforge.token.command.support.TestTokens.IssuedToken;
import com.versionforge.token.command.token.TokenCommands;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rate-limit headers on the answers a client meets, over real HTTP: passes, scope refusals and rate-limit refusals
 * of the auth check and of token creation, and the refusals a gateway's auth subrequest asks for.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.allow-bean-definition-overriding=true")
class RateLimitHeadersIT {

    private static final TenantId TENANT = new TenantId("acme");
    private static final MutableClock CLOCK = MutableClock.midMinute();
    private static final Instant NEXT_WINDOW = CLOCK.instant().plusSeconds(30);
    private static final String RESET = Long.toString(NEXT_WINDOW.getEpochSecond());
    private static final String CHECK = "/api/v1/auth/check";
    private static final String CREATE_BODY = "{\"name\": \"%s\", \"scope\": \"read-only\", \"expiresIn\": \"30d\"}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @TestConfiguration
    static class StandingClock {

        /** Stands in the middle of a minute, so that no window ends while a test exhausts one. */
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenCommands commands;

    private final ObjectMapper json = new ObjectMapper();
    private Http http;
    private TestTokens tokens;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tokens = new TestTokens(commands);
    }

    @Test
    void passedCheckCarriesTheTokensRateLimitAndIdentity() {
        IssuedToken token = tokens.issue(TENANT, Scope.SYNC_TRIGGER, CLOCK.instant());

        HttpResponse<String> passed = http.get(CHECK, "Authorization", token.bearer());

        assertThat(passed.statusCode()).isEqualTo(200);
        assertRateLimitHeaders(passed, "60", "59");
        assertThat(passed.headers().firstValue("X-VF-Token-Id"))
                .hasValue(token.tokenId().toString());
        assertThat(passed.headers().firstValue("X-VF-Tenant-Id")).hasValue("acme");
        assertThat(passed.headers().firstValue("X-VF-Token-Scope")).hasValue("sync-trigger");
    }

    @Test
    void scopeRefusalCarriesTheHeadersAndCountsNoRequest() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, CLOCK.instant());

        HttpResponse<String> refused = http.get(
                CHECK,
                "Authorization",
                token.bearer(),
                "X-Original-Method",
                "POST",
                "X-Original-URI",
                "/api/v1/syncs/42/trigger");
        HttpResponse<String> passed = http.get(CHECK, "Authorization", token.bearer());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(problem(refused).path("code").asText()).isEqualTo("insufficient-scope");
        assertThat(problem(refused).path("requiredScope").asText()).isEqualTo("sync-trigger");
        assertRateLimitHeaders(refused, "120", "120");
        assertRateLimitHeaders(passed, "120", "119");
    }

    @Test
    void checkPastTheLimitIs429WithRetryAfterInWholeSeconds() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.ADMIN, CLOCK.instant());
        exhaustWithChecks(token, 30);

        HttpResponse<String> refused = http.get(CHECK, "Authorization", token.bearer());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem(refused).path("code").asText()).isEqualTo("rate-limited");
        assertRateLimitHeaders(refused, "30", "0");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(refused.headers().firstValue("X-VF-Refusal-Status")).isEmpty();
    }

    @Test
    void authRequestRefusalsAnswerARateLimitAs403NamingTheRealStatus() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.ADMIN, CLOCK.instant());
        exhaustWithChecks(token, 30);

        HttpResponse<String> refused = http.get(CHECK + "?refusals=auth-request", "Authorization", token.bearer());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-VF-Refusal-Status")).hasValue("429");
        assertThat(refused.headers().firstValue("X-VF-Refusal-Code")).hasValue("rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertRateLimitHeaders(refused, "30", "0");
        assertThat(problem(refused).path("code").asText()).isEqualTo("rate-limited");
    }

    @Test
    void authRequestRefusalsKeep401AndNameTheCode() throws Exception {
        HttpResponse<String> refused = http.get(CHECK + "?refusals=auth-request");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-VF-Refusal-Status")).hasValue("401");
        assertThat(refused.headers().firstValue("X-VF-Refusal-Code")).hasValue("token-missing");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(problem(refused).path("code").asText()).isEqualTo("token-missing");
    }

    @Test
    void authRequestRefusalsNameTheRequiredScopeOfA403() {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, CLOCK.instant());

        HttpResponse<String> refused =
                http.get(CHECK + "?refusals=auth-request&scope=admin", "Authorization", token.bearer());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-VF-Refusal-Status")).hasValue("403");
        assertThat(refused.headers().firstValue("X-VF-Refusal-Code")).hasValue("insufficient-scope");
        assertThat(refused.headers().firstValue("X-VF-Required-Scope")).hasValue("admin");
    }

    @Test
    void refusesAnUnknownRefusalsValue() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, CLOCK.instant());

        HttpResponse<String> refused = http.get(CHECK + "?refusals=teapot", "Authorization", token.bearer());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(problem(refused).path("code").asText()).isEqualTo("refusals-invalid");
    }

    @Test
    void tokenCreationAnswersCarryTheCallersRateLimit() throws Exception {
        IssuedToken admin = tokens.issue(TENANT, Scope.ADMIN, CLOCK.instant());

        HttpResponse<String> created = create(admin, "first");

        assertThat(created.statusCode()).isEqualTo(201);
        assertRateLimitHeaders(created, "30", "29");
    }

    @Test
    void tokenCreationRefusedForScopeCarriesTheHeaders() throws Exception {
        IssuedToken reader = tokens.issue(TENANT, Scope.READ_ONLY, CLOCK.instant());

        HttpResponse<String> refused = create(reader, "not allowed");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(problem(refused).path("code").asText()).isEqualTo("insufficient-scope");
        assertRateLimitHeaders(refused, "120", "120");
    }

    @Test
    void tokenCreationPastTheLimitIs429WithRetryAfter() throws Exception {
        IssuedToken admin = tokens.issue(TENANT, Scope.ADMIN, CLOCK.instant());
        exhaustWithChecks(admin, 30);

        HttpResponse<String> refused = create(admin, "one too many");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(problem(refused).path("code").asText()).isEqualTo("rate-limited");
        assertRateLimitHeaders(refused, "30", "0");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void unknownTokenIsRefusedWithoutAnyBudgetToShow() throws Exception {
        HttpResponse<String> refused = http.get(CHECK, "Authorization", "Bearer vf_tok_" + "0".repeat(49));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(problem(refused).path("code").asText()).isEqualTo("token-invalid");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void gatewaySecretHeaderCountsWhenNoSecretIsConfigured() {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, CLOCK.instant());

        HttpResponse<String> first = http.get(CHECK, "Authorization", token.bearer(), "X-VF-Gateway-Secret", "guess");
        HttpResponse<String> blank = http.get(CHECK, "Authorization", token.bearer(), "X-VF-Gateway-Secret", "");

        assertRateLimitHeaders(first, "120", "119");
        assertRateLimitHeaders(blank, "120", "118");
    }

    @Test
    void benchEndpointDoesNotExistByDefault() {
        assertThat(http.get("/bench/ping").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> create(IssuedToken caller, String name) {
        return http.postJson("/api/v1/tokens", CREATE_BODY.formatted(name), "Authorization", caller.bearer());
    }

    private void exhaustWithChecks(IssuedToken token, int limit) {
        for (int i = 0; i < limit; i++) {
            assertThat(http.get(CHECK, "Authorization", token.bearer()).statusCode())
                    .as("check %d of %d", i + 1, limit)
                    .isEqualTo(200);
        }
    }

    private JsonNode problem(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private static void assertRateLimitHeaders(HttpResponse<String> response, String limit, String remaining) {
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(limit);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(remaining);
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue(RESET);
    }
}
