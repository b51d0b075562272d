package com.versionforge.token.query.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.env.Environment;

/** Calls the running query side over real HTTP, as a client would. */
public final class QuerySideClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final Environment environment;

    QuerySideClient(Environment environment) {
        this.environment = environment;
    }

    /** GET of a path with its query, with that Authorization header (none when null) and extra header pairs. */
    public HttpResponse<String> get(String pathAndQuery, String authorization, String... headerPairs) {
        return send("GET", pathAndQuery, authorization, headerPairs);
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String authorization, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headerPairs.length > 0) {
            request.headers(headerPairs);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request target exactly as given, bypassing the checks of an HTTP client, and returns the whole raw
     * answer: for input that no well-behaved client would send.
     */
    public String raw(String requestTarget) {
        try (Socket socket =
                new Socket("localhost", Integer.parseInt(environment.getRequiredProperty("local.server.port")))) {
            socket.setSoTimeout(30_000);
            String request = "GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an answer as JSON. */
    public JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    private String baseUrl() {
        return "http://localhost:" + environment.getRequiredProperty("local.server.port");
    }
}
