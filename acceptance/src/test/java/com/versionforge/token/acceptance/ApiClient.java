package com.versionforge.token.acceptance;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** HTTP against one service or gateway; headers are given as name, value pairs. */
final class ApiClient {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    /** Creates a token through {@code POST /api/v1/tokens} with an admin token. */
    Token create(Token admin, String name, String scope) {
        HttpResponse<String> created = post(
                "/api/v1/tokens",
                "{\"name\": \"%s\", \"scope\": \"%s\", \"expiresIn\": \"30d\"}".formatted(name, scope),
                "Authorization",
                admin.bearer());
        if (created.statusCode() != 201) {
            throw new AssertionError("create answered " + created.statusCode());
        }
        return new Token(JsonPath.read(created.body(), "$.id"), JsonPath.read(created.body(), "$.token"));
    }

    /** Revokes a token and returns the status of the answer. */
    int revoke(Token admin, Token token) {
        return post("/api/v1/tokens/" + token.id() + "/revoke", "{}", "Authorization", admin.bearer())
                .statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * Waits, when less than {@code margin} is left of the current minute, until the next minute starts, so that a
     * test that counts against a rate-limit window keeps one window throughout.
     */
    static void awaitWindowWithAtLeast(Duration margin) throws InterruptedException {
        Instant now = Instant.now();
        long millisIntoMinute = now.toEpochMilli() % 60_000;
        long left = 60_000 - millisIntoMinute;
        if (left < margin.toMillis()) {
            Thread.sleep(left + 200);
        }
    }

    /** A token and its secret; its string form never shows the secret, so assertion messages cannot leak it. */
    static final class Token {

        private final String id;
        private final String secret;

        Token(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }

        /** An admin token from the operator's command line, whose id this test does not need. */
        static Token bootstrapped(String secret) {
            return new Token("bootstrap", secret);
        }

        String id() {
            return id;
        }

        String bearer() {
            return "Bearer " + secret;
        }

        @Override
        public String toString() {
            return "token " + id;
        }
    }
}
