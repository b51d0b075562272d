package com.versionforge.token.query.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for the command side's {@code GET /api/v1/auth/check} on a random local port, answering as API.md says:
 * 200 with the token's identity and rate-limit headers for a known token, 401 problem+json otherwise.
 */
public final class StubCommandSide implements AutoCloseable {

    public static final String RATE_LIMIT_LIMIT = "120";
    public static final String RATE_LIMIT_REMAINING = "119";
    public static final String RATE_LIMIT_RESET = "1800000060";

    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile CheckRequest lastRequest;

    /**
     * How the stub answers a check of one token.
     *
     * @param status the HTTP status
     * @param headers the headers, content type included
     * @param body the body, empty for none
     * @param delay how long to wait before answering
     */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        /** A refusal as the command side gives it: problem+json with a code. */
        public static Answer problem(int status, String code, Map<String, String> headers) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", PROBLEM_JSON);
            String body =
                    "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":%d,\"detail\":\"Refused by the stub\",\"code\":\"%s\"}"
                            .formatted(status, code);
            return new Answer(status, all, body, Duration.ZERO);
        }
    }

    /** What the query side sent in its last check. */
    public record CheckRequest(String query, String authorization, String forwardedFor, String userAgent) {}

    StubCommandSide() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/check", this::check);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    /** Makes {@code Bearer secret} a token of that tenant and scope that passes. */
    public String pass(String secret, TenantId tenantId, TokenId tokenId, Scope scope) {
        answers.put(
                secret,
                new Answer(
                        200,
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "X-VF-Token-Id",
                                tokenId.toString(),
                                "X-VF-Tenant-Id",
                                tenantId.value(),
                                "X-VF-Token-Scope",
                                scope.wireName(),
                                "X-RateLimit-Limit",
                                RATE_LIMIT_LIMIT,
                                "X-RateLimit-Remaining",
                                RATE_LIMIT_REMAINING,
                                "X-RateLimit-Reset",
                                RATE_LIMIT_RESET),
                        "{\"tokenId\":\"%s\",\"tenantId\":\"%s\"}".formatted(tokenId, tenantId),
                        Duration.ZERO));
        return "Bearer " + secret;
    }

    /** Makes the check of {@code Bearer secret} answer so. */
    public String answer(String secret, Answer answer) {
        answers.put(secret, answer);
        return "Bearer " + secret;
    }

    public CheckRequest lastRequest() {
        return lastRequest;
    }

    private void check(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastRequest = new CheckRequest(
                    exchange.getRequestURI().getRawQuery(),
                    authorization,
                    exchange.getRequestHeaders().getFirst("X-Forwarded-For"),
                    exchange.getRequestHeaders().getFirst("User-Agent"));
            Answer answer = answerFor(authorization);
            Thread.sleep(answer.delay().toMillis());

            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer answerFor(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Answer.problem(401, "token-missing", Map.of("WWW-Authenticate", "Bearer"));
        }
        Answer known = answers.get(authorization.substring("Bearer ".length()));
        return known != null
                ? known
                : Answer.problem(401, "token-invalid", Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
