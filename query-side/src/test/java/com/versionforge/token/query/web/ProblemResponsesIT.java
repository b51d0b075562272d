package com.versionforge.token.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.testing.QuerySideClient;
import com.versionforge.token.query.testing.QuerySideIntegrationTest;
import com.versionforge.token.query.testing.StubCommandSide;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Whatever goes wrong in an HTTP exchange is answered as problem+json with a code; the open endpoints stay open. */
@QuerySideIntegrationTest
class ProblemResponsesIT {

    private static final TenantId TENANT = new TenantId("problems-co");
    private static final TokenId READER_TOKEN = new TokenId(UUID.fromString("00000000-0000-4000-8000-00000000d001"));

    @Autowired
    private StubCommandSide commandSide;

    @Autowired
    private QuerySideClient client;

    private String reader;

    @BeforeEach
    void givenAReader() {
        reader = commandSide.pass("problems-reader", TENANT, READER_TOKEN, Scope.READ_ONLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing", "/api/v1/tokens/a/b", "/nothing", "/error"})
    void answersUnknownPathsAsNotFound(String path) {
        HttpResponse<String> response = client.get(path, reader);

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "not-found");
    }

    @Test
    void answersAnUnsupportedMethodWithTheAllowedOnes() {
        HttpResponse<String> response = client.send("DELETE", "/api/v1/tokens", reader);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertProblem(response, "method-not-allowed");
    }

    @Test
    void answersAnUnacceptableMediaTypeAsNotAcceptable() {
        HttpResponse<String> response = client.get("/api/v1/tokens", reader, "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(406);
        assertProblem(response, "not-acceptable");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/tokens/%2F",
                "/api/v1/tokens/%00",
                "/api/v1/tokens?q=a|b",
                "/api/v1/{x}",
                "/api/v1/tokens?q=%ZZ"
            })
    void answersRequestsRefusedByTheServletContainerAsProblems(String requestTarget) {
        String answer = client.raw(requestTarget);

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"malformed-request\"");
    }

    @Test
    void servesHealthWithoutAToken() {
        HttpResponse<String> response = client.get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(client.json(response).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void describesTheDashboardInOpenApiWithoutExposingTheCaller() {
        HttpResponse<String> response = client.get("/v3/api-docs", null);

        JsonNode parameters = client.json(response).at("/paths/~1api~1v1~1tokens/get/parameters");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parameters.findValuesAsText("name"))
                .containsExactlyInAnyOrder("status", "scope", "expiringWithinDays", "q", "sort", "limit", "cursor");
    }

    @Test
    void exposesNoActuatorEndpointBeyondHealthAndPrometheus() {
        HttpResponse<String> response = client.get("/actuator/env", null);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.json(response).get("code").asText()).isEqualTo(code);
    }
}
