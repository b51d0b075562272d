package com.versionforge.token.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway's pre-check over real HTTP: with the shared secret of {@code vf.gateway.secret} in X-VF-Gateway-Secret,
 * the auth check decides as always but neither counts against the rate limit nor records a use; with any other value
 * it is an ordinary, counted check.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.allow-bean-definition-overriding=true",
            "vf.gateway.secret=" + GatewayPreCheckIT.SECRET
        })
class GatewayPreCheckIT {

    static final String SECRET = "gateway-pre-check-test-secret";

    private static final TenantId TENANT = new TenantId("acme");
    private static final String CHECK = "/api/v1/auth/check";
    private static final String HEADER = "X-VF-Gateway-Secret";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @TestConfiguration
    static class StandingClock {

        /** Stands in the middle of a minute, so that no window ends between the checks of a test. */
        @Bean
        Clock clock() {
            return MutableClock.midMinute();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenCommands commands;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private Http http;
    private TestTokens tokens;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tokens = new TestTokens(commands);
    }

    @Test
    void preChecksWithTheSecretPassWithoutCountingOrRecordingAUse() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, clock.instant());

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> preCheck = http.get(
                    CHECK + "?refusals=auth-request",
                    "Authorization",
                    token.bearer(),
                    HEADER,
                    SECRET,
                    "User-Agent",
                    "the-gateway");
            assertThat(preCheck.statusCode()).isEqualTo(200);
            assertThat(preCheck.headers().firstValue("X-VF-Token-Id"))
                    .hasValue(token.tokenId().toString());
            assertThat(preCheck.headers().firstValue("X-RateLimit-Remaining"))
                    .as("a pre-check says nothing of a window it did not count in")
                    .isEmpty();
        }
        HttpResponse<String> counted = http.get(CHECK, "Authorization", token.bearer(), "User-Agent", "the-service");

        assertThat(counted.statusCode()).isEqualTo(200);
        assertThat(counted.headers().firstValue("X-RateLimit-Remaining"))
                .as("the first counted request of the window")
                .hasValue("119");
        // The first use of a window is recorded at once: had a pre-check been recorded, its use would come first.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(usedEvents(token)).isNotEmpty());
        List<JsonNode> used = usedEvents(token);
        assertThat(used).hasSize(1);
        assertThat(used.get(0).path("count").asLong()).isEqualTo(1);
        assertThat(used.get(0).path("lastUserAgent").asText()).isEqualTo("the-service");
    }

    @Test
    void checksWithAWrongOrEmptySecretAreCounted() {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, clock.instant());

        HttpResponse<String> wrong = http.get(CHECK, "Authorization", token.bearer(), HEADER, SECRET + "x");
        HttpResponse<String> prefix = http.get(CHECK, "Authorization", token.bearer(), HEADER, SECRET.substring(1));
        HttpResponse<String> empty = http.get(CHECK, "Authorization", token.bearer(), HEADER, "");
        HttpResponse<String> absent = http.get(CHECK, "Authorization", token.bearer());

        assertThat(wrong.headers().firstValue("X-RateLimit-Remaining")).hasValue("119");
        assertThat(prefix.headers().firstValue("X-RateLimit-Remaining")).hasValue("118");
        assertThat(empty.headers().firstValue("X-RateLimit-Remaining")).hasValue("117");
        assertThat(absent.headers().firstValue("X-RateLimit-Remaining")).hasValue("116");
    }

    @Test
    void preChecksRefuseARevokedTokenAsAlways() throws Exception {
        IssuedToken admin = tokens.issue(TENANT, Scope.ADMIN, clock.instant());
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, clock.instant());
        assertThat(http.postJson(
                                "/api/v1/tokens/" + token.tokenId() + "/revoke",
                                "{\"reason\": \"leaked\"}",
                                "Authorization",
                                admin.bearer())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> refused =
                http.get(CHECK + "?refusals=auth-request", "Authorization", token.bearer(), HEADER, SECRET);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).path("code").asText()).isEqualTo("token-revoked");
        assertThat(refused.headers().firstValue("X-VF-Refusal-Code")).hasValue("token-revoked");
    }

    @Test
    void preChecksRefuseAScopeTheTokenLacksAsAlways() throws Exception {
        IssuedToken token = tokens.issue(TENANT, Scope.READ_ONLY, clock.instant());

        HttpResponse<String> refused =
                http.get(CHECK + "?refusals=auth-request&scope=admin", "Authorization", token.bearer(), HEADER, SECRET);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-VF-Refusal-Code")).hasValue("insufficient-scope");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("120");
    }

    private List<JsonNode> usedEvents(IssuedToken token) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry
                        WHERE payloadtype = 'com.versionforge.token.api.TokenUsedEvent' AND aggregateidentifier = ?
                        """)
                .param(token.tokenId().toString())
                .query((row, rowNumber) -> readTree(row.getString(1)))
                .list();
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
