package com.versionforge.token.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenApi;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * The browser's view of the command side: the token page on the query side's origin may call /api/v1, preflights
 * included, and read the headers it needs; a page on any other origin may not.
 */
class CrossOriginIT extends RunningCommandSide {

    private static final String PAGE_ORIGIN = "http://localhost:8081";
    private static final String OTHER_ORIGIN = "https://elsewhere.example";
    private static final String TENANT = "cors-co";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    private IssuedToken admin;

    @BeforeEach
    void issueAdmin() {
        admin = issuer.issue(TENANT, Scope.ADMIN);
    }

    @Test
    void answersThePagesPreflightWithoutAToken() throws Exception {
        HttpResponse<String> response = preflight(PAGE_ORIGIN, "/api/v1/tokens", "authorization,content-type");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(PAGE_ORIGIN);
        assertThat(header(response, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(response, "Access-Control-Allow-Headers"))
                .containsIgnoringCase("authorization")
                .containsIgnoringCase("content-type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void answersThePreflightOfARevokeWithoutAToken() throws Exception {
        HttpResponse<String> response =
                preflight(PAGE_ORIGIN, "/api/v1/tokens/" + admin.id() + "/revoke", "authorization");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(PAGE_ORIGIN);
    }

    @Test
    void refusesThePreflightOfAnotherOriginAsProblem() throws Exception {
        HttpResponse<String> response = preflight(OTHER_ORIGIN, "/api/v1/tokens", "authorization,content-type");

        assertCrossOriginRefused(response);
    }

    @Test
    void allowsNoHeaderBeyondAuthorizationAndContentType() throws Exception {
        HttpResponse<String> response = preflight(PAGE_ORIGIN, "/api/v1/tokens", "authorization,x-tenant");

        // Spring answers with the allowed subset; the browser then refuses to send the request.
        assertThat(header(response, "Access-Control-Allow-Headers"))
                .containsIgnoringCase("authorization")
                .doesNotContainIgnoringCase("x-tenant");
    }

    @Test
    void letsThePageReadACreatedTokensLocationRateLimitAndRequestId() throws Exception {
        HttpResponse<String> response = post(
                PAGE_ORIGIN,
                "/api/v1/tokens",
                admin.secret(),
                TokenApi.createBody("Browser-made token", "read-only", "30d"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(PAGE_ORIGIN);
        assertThat(exposedHeaders(response))
                .contains(
                        "x-ratelimit-limit",
                        "x-ratelimit-remaining",
                        "x-ratelimit-reset",
                        "retry-after",
                        "x-request-id",
                        "location");
    }

    @Test
    void letsThePageReadARefusal() throws Exception {
        HttpResponse<String> response = post(PAGE_ORIGIN, "/api/v1/tokens", null, "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(PAGE_ORIGIN);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("token-missing");
    }

    @Test
    void refusesARevokeFromAnotherOriginBeforeItHappens() throws Exception {
        IssuedToken target = issuer.issue(TENANT, Scope.READ_ONLY);

        HttpResponse<String> response =
                post(OTHER_ORIGIN, "/api/v1/tokens/" + target.id() + "/revoke", admin.secret(), null);

        assertCrossOriginRefused(response);
        assertThat(api.check(target.secret()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void leavesRequestsWithoutOriginAlone() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/auth/check"))
                .header("Authorization", "Bearer " + admin.secret())
                .GET()
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private void assertCrossOriginRefused(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("cross-origin-refused");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
    }

    private HttpResponse<String> preflight(String origin, String path, String requestHeaders) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", requestHeaders)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String origin, String path, String secret, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Origin", origin)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static List<String> exposedHeaders(HttpResponse<String> response) {
        List<String> names = new ArrayList<>();
        for (String value : response.headers().allValues("Access-Control-Expose-Headers")) {
            for (String name : value.split(",")) {
                names.add(name.strip().toLowerCase());
            }
        }
        return names;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
