package com.versionforge.token.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The command side's HTTP API as a client sees it: raw answers, so tests can assert status, headers and body. */
public final class TokenApi {

    public static final String TOKENS = "/api/v1/tokens";
    public static final String CHECK = "/api/v1/auth/check";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    private TokenApi(TestRestTemplate http) {
        this.http = http;
    }

    /** A client of the service listening on {@code port} of this machine. */
    public static TokenApi at(int port) {
        return new TokenApi(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
    }

    /** POST /api/v1/tokens with a JSON body. */
    public ResponseEntity<String> create(String secret, String json) {
        return post(TOKENS, secret, MediaType.APPLICATION_JSON, json, new HttpHeaders());
    }

    /** POST /api/v1/tokens/{id}/revoke, with a JSON body or none when {@code json} is null. */
    public ResponseEntity<String> revoke(String secret, String tokenId, String json) {
        return post(TOKENS + "/" + tokenId + "/revoke", secret, MediaType.APPLICATION_JSON, json, new HttpHeaders());
    }

    /** A POST as raw as a test needs it; a null {@code secret} sends no Authorization header of its own. */
    public ResponseEntity<String> post(String path, String secret, MediaType type, String body, HttpHeaders headers) {
        HttpHeaders all = withBearer(secret, headers);
        if (body != null) {
            all.setContentType(type);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, all), String.class);
    }

    /** GET /api/v1/auth/check with nothing but the token. */
    public ResponseEntity<String> check(String secret) {
        return check(secret, "", new HttpHeaders());
    }

    /** GET /api/v1/auth/check{query} with the token and further headers, such as a gateway's forwarded route. */
    public ResponseEntity<String> check(String secret, String query, HttpHeaders headers) {
        return http.exchange(
                CHECK + query, HttpMethod.GET, new HttpEntity<>(withBearer(secret, headers)), String.class);
    }

    /** The body as JSON. */
    public static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    /** A create body, from its three usual fields; null fields are sent as JSON null. */
    public static String createBody(String name, String scope, String expiresIn) {
        return JSON.createObjectNode()
                .put("name", name)
                .put("scope", scope)
                .put("expiresIn", expiresIn)
                .toString();
    }

    /** Asserts that {@code response} is RFC 9457 problem+json of that status and code, and returns its body. */
    public static JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode())
                .as("status of %s", response.getBody())
                .isEqualTo(status);
        assertThat(response.getHeaders().getContentType())
                .as("content type")
                .isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .isTrue());
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).as("code of %s", problem).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status.value());
        return problem;
    }

    private static HttpHeaders withBearer(String secret, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        all.addAll(headers);
        if (secret != null) {
            all.setBearerAuth(secret);
        }
        return all;
    }
}
