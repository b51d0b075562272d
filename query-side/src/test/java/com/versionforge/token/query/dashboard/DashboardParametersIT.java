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
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every query parameter the contract does not allow is refused with 400 and a stable code, never a 500. */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardParametersIT {

    private static final TenantId TENANT = new TenantId("parameters-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000c001"));
    private static final TokenId FIRST = new TokenId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
    private static final TokenId SECOND = new TokenId(UUID.fromString("c0000000-0000-4000-8000-000000000002"));
    private static final Instant NOW = MutableClock.DEFAULT_NOW;

    @Autowired
    private TokenHistory history;

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String reader;

    @BeforeAll
    void givenTwoTokens() {
        reader = commandSide.pass("parameters-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
        for (TokenId token : new TokenId[] {FIRST, SECOND}) {
            history.create(
                    TokenHistory.created(
                            token, TENANT, "Token " + token, Scope.READ_ONLY, NOW, NOW.plus(Duration.ofDays(30))),
                    "user:alice");
        }
        history.awaitDashboard();
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("sort=foo", "sort-invalid"),
                Arguments.of("sort=-", "sort-invalid"),
                Arguments.of("sort=--createdAt", "sort-invalid"),
                Arguments.of("sort=CreatedAt", "sort-invalid"),
                Arguments.of("sort=%20name", "sort-invalid"),
                Arguments.of("limit=0", "limit-invalid"),
                Arguments.of("limit=201", "limit-invalid"),
                Arguments.of("limit=abc", "limit-invalid"),
                Arguments.of("limit=-1", "limit-invalid"),
                Arguments.of("limit=1.5", "limit-invalid"),
                Arguments.of("limit=%2B5", "limit-invalid"),
                Arguments.of("limit=99999999999", "limit-invalid"),
                Arguments.of("limit=1&limit=2", "limit-invalid"),
                Arguments.of("cursor=%21%21%21", "cursor-invalid"),
                Arguments.of("cursor=bm90IGEgY3Vyc29y", "cursor-invalid"),
                Arguments.of("cursor=" + forged("v1\n-createdAt\nnot-a-uuid\n2027-01-01T00:00:00Z"), "cursor-invalid"),
                Arguments.of("cursor=" + forged("v1\n-createdAt\n" + FIRST + "\nyesterday"), "cursor-invalid"),
                Arguments.of(
                        "cursor=" + forged("v1\n-createdAt\n" + FIRST + "\n+99999-01-01T00:00:00Z"), "cursor-invalid"),
                Arguments.of("cursor=" + forged("v1\n-createdAt\n" + FIRST + "\n"), "cursor-invalid"),
                Arguments.of(
                        "cursor=" + forged("v2\n-createdAt\n" + FIRST + "\n2027-01-01T00:00:00Z"), "cursor-invalid"),
                Arguments.of("sort=name&cursor=" + forged("v1\nname\n" + FIRST + "\nnul\0here"), "cursor-invalid"),
                Arguments.of("status=deleted", "status-invalid"),
                Arguments.of("status=ACTIVE", "status-invalid"),
                Arguments.of("scope=superuser", "scope-invalid"),
                Arguments.of("expiringWithinDays=-1", "expiring-within-days-invalid"),
                Arguments.of("expiringWithinDays=abc", "expiring-within-days-invalid"),
                Arguments.of("expiringWithinDays=3651", "expiring-within-days-invalid"),
                Arguments.of("expiringWithinDays=1e3", "expiring-within-days-invalid"),
                Arguments.of("q=%00", "q-invalid"),
                Arguments.of("q=a%0Ab", "q-invalid"),
                Arguments.of("q=" + "x".repeat(101), "q-invalid"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void refusesBadParameterWithItsCode(String query, String code) {
        HttpResponse<String> response = client.get("/api/v1/tokens?" + query, reader);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = client.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("code").asText()).isEqualTo(code);
    }

    @Test
    void keepsTheRateLimitHeadersOnARefusal() {
        HttpResponse<String> response = client.get("/api/v1/tokens?limit=0", reader);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
                .hasValue(StubCommandSide.RATE_LIMIT_REMAINING);
    }

    @Test
    void refusesACursorOfAnotherSort() {
        String cursor = client.json(client.get("/api/v1/tokens?sort=name&limit=1", reader))
                .get("nextCursor")
                .asText();

        HttpResponse<String> response = client.get(
                "/api/v1/tokens?sort=-name&limit=1&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                reader);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.json(response).get("code").asText()).isEqualTo("cursor-invalid");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limit=1",
                "limit=200",
                "limit=007",
                "sort=&status=&scope=&q=&limit=&cursor=&expiringWithinDays=",
                "q=%27%3B%20DROP%20TABLE%20token_dashboard%3B--",
                "q=%F0%9F%94%91",
                "expiringWithinDays=0",
                "unknownParameter=1"
            })
    void answersHarmlessOddInputWithAPage(String query) {
        HttpResponse<String> response = client.get("/api/v1/tokens?" + query, reader);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(client.json(response).has("items")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0000000-0000-4000-8000-00000000ffff", "not-a-uuid", "%20", "1-2-3-4-5"})
    void answersAnUnknownOrMalformedIdAsNotFound(String id) {
        HttpResponse<String> response = client.get("/api/v1/tokens/" + id, reader);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.json(response).get("code").asText()).isEqualTo("token-not-found");
    }

    private static String forged(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
