package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import com.versionforge.token.acceptance.ApiClient.Token;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx with {@code docker/nginx/gateway.conf.template} in front of a tiny API, checking tokens against the
 * packaged command side: what passes reaches the API, every refusal reaches the client as problem+json with its code,
 * and the rate-limit headers come along, all through nginx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxGatewayIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path TEMPLATE = RunScript.ROOT.resolve("docker/nginx/gateway.conf.template");
    /** Small, so that a test reaches it quickly; only read-only tokens get it. */
    private static final int READ_ONLY_LIMIT = 5;

    @TempDir
    static Path work;

    private static CommandSideJar tokenService;
    private static HttpServer api;
    private static Process nginx;
    private static ApiClient gateway;
    private static ApiClient tokens;
    private static Token admin;
    private static final Queue<String> tokenIdsSeenByApi = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startGatewayInFrontOfAnApi() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(NGINX),
                "nginx is not installed at /usr/sbin/nginx (Debian package nginx; .ci/run installs it)");
        Path dataDir = Files.createDirectories(work.resolve("data"));
        tokenService = CommandSideJar.start(
                CommandSideJar.freePort(),
                Map.of("VF_DATA_DIR", dataDir.toString(), "VF_DB_PORT", Integer.toString(CommandSideJar.freePort())),
                "--vf.rate-limit.requests-per-minute.read-only=" + READ_ONLY_LIMIT);
        admin = Token.bootstrapped(CommandSideJar.bootstrap(dataDir, "acme"));
        tokens = new ApiClient(tokenService.baseUrl());
        api = startApi();
        int gatewayPort = CommandSideJar.freePort();
        Path prefix = writeNginxConfiguration(
                gatewayPort, tokenService.port(), api.getAddress().getPort());

        Process test = nginx(prefix, "-t").redirectErrorStream(true).start();
        String testOutput = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(test.exitValue()).as("nginx -t:\n" + testOutput).isZero();
        assertThat(testOutput).contains("test is successful");

        nginx = nginx(prefix, "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepts(gatewayPort));
        gateway = new ApiClient("http://localhost:" + gatewayPort);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(30, TimeUnit.SECONDS);
        }
        if (api != null) {
            api.stop(0);
        }
        if (tokenService != null) {
            tokenService.close();
        }
    }

    @Test
    void passesAValidTokenToTheApiWithItsRateLimitHeaders() {
        Token reader = tokens.create(admin, "dashboard reader", "read-only");

        HttpResponse<String> passed = gateway.get("/api/v1/syncs", "Authorization", reader.bearer());

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).isEqualTo("api: GET /api/v1/syncs");
        assertThat(passed.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(READ_ONLY_LIMIT));
        assertThat(passed.headers().firstValue("X-RateLimit-Remaining"))
                .hasValue(Integer.toString(READ_ONLY_LIMIT - 1));
        assertThat(passed.headers().firstValue("X-RateLimit-Reset")).hasValueSatisfying(NginxGatewayIT::isNextMinute);
        assertThat(tokenIdsSeenByApi).contains(reader.id());
    }

    @Test
    void refusesARequestWithoutTokenWith401() {
        HttpResponse<String> refused = gateway.get("/api/v1/syncs");

        assertProblem(refused, 401, "token-missing");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void refusesARevokedTokenWith401() {
        Token retired = tokens.create(admin, "retired pipeline", "sync-trigger");
        assertThat(tokens.revoke(admin, retired)).isEqualTo(200);

        HttpResponse<String> refused = gateway.get("/api/v1/syncs", "Authorization", retired.bearer());

        assertProblem(refused, 401, "token-revoked");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void refusesAReadOnlyTokenOnAWriteRouteWith403AndTheRequiredScope() {
        Token reader = tokens.create(admin, "reader on a write route", "read-only");

        HttpResponse<String> refused = gateway.post("/api/v1/syncs/7/trigger", "{}", "Authorization", reader.bearer());

        assertProblem(refused, 403, "insufficient-scope");
        assertThat(JsonPath.<String>read(refused.body(), "$.requiredScope")).isEqualTo("sync-trigger");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(READ_ONLY_LIMIT));
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(READ_ONLY_LIMIT));
    }

    @Test
    void neverLetsTheClientChooseTheMethodItsTokenIsCheckedFor() {
        Token reader = tokens.create(admin, "reader posing as a GET", "read-only");

        HttpResponse<String> refused = gateway.post(
                "/api/v1/syncs/7/trigger",
                "{}",
                "Authorization",
                reader.bearer(),
                "X-Forwarded-Method",
                "GET",
                "X-Forwarded-Uri",
                "/api/v1/syncs",
                "X-Original-Method",
                "GET",
                "X-Original-URI",
                "/api/v1/syncs");

        assertProblem(refused, 403, "insufficient-scope");
    }

    @Test
    void refusesPastTheLimitWith429AndRetryAfter() throws Exception {
        Token reader = tokens.create(admin, "busy monitor", "read-only");
        ApiClient.awaitWindowWithAtLeast(Duration.ofSeconds(10));
        for (int i = 0; i < READ_ONLY_LIMIT; i++) {
            assertThat(gateway.get("/api/v1/syncs", "Authorization", reader.bearer())
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = gateway.get("/api/v1/syncs", "Authorization", reader.bearer());

        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(READ_ONLY_LIMIT));
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("X-RateLimit-Reset")).hasValueSatisfying(NginxGatewayIT::isNextMinute);
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops the token service, so it runs last
    void answers503WithProblemJsonWhileTheTokenServiceIsDown() {
        Token reader = tokens.create(admin, "reader during an outage", "read-only");
        tokenService.close();

        HttpResponse<String> unavailable = gateway.get("/api/v1/syncs", "Authorization", reader.bearer());

        assertProblem(unavailable, 503, "service-unavailable");
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
    }

    private static void isNextMinute(String epochSeconds) {
        long reset = Long.parseLong(epochSeconds);
        long now = Instant.now().getEpochSecond();
        assertThat(reset % 60).isZero();
        assertThat(reset - now).isBetween(0L, 60L);
    }

    /** The protected API: answers 200 naming the request, and notes which token the gateway said called. */
    private static HttpServer startApi() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tokenId = exchange.getRequestHeaders().getFirst("X-VF-Token-Id");
            if (tokenId != null) {
                tokenIdsSeenByApi.add(tokenId);
            }
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("api: " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * The gateway's server block rendered from the one template, with its four placeholders, inside a minimal main
     * configuration that keeps every file nginx writes under a temporary prefix.
     */
    private static Path writeNginxConfiguration(int gatewayPort, int tokenServicePort, int apiPort) throws IOException {
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String gatewayConf = Files.readString(TEMPLATE, StandardCharsets.UTF_8)
                .replace("${VF_GATEWAY_PORT}", "127.0.0.1:" + gatewayPort)
                .replace("${VF_TOKEN_SERVICE}", "127.0.0.1:" + tokenServicePort)
                .replace("${VF_PROTECTED_API}", "127.0.0.1:" + apiPort)
                // Standalone, in front of an API that does not check tokens itself: the gateway's check counts.
                .replace("${VF_GATEWAY_SECRET}", "");
        assertThat(gatewayConf).as("every placeholder filled").doesNotContain("${VF_");
        Files.writeString(prefix.resolve("gateway.conf"), gatewayConf);
        Files.writeString(prefix.resolve("nginx.conf"), """
                pid logs/nginx.pid;
                error_log logs/error.log info;
                worker_processes 1;
                events {
                    worker_connections 256;
                }
                http {
                    access_log logs/access.log;
                    client_body_temp_path temp/client_body;
                    proxy_temp_path temp/proxy;
                    fastcgi_temp_path temp/fastcgi;
                    uwsgi_temp_path temp/uwsgi;
                    scgi_temp_path temp/scgi;
                    include gateway.conf;
                }
                """);
        return prefix;
    }

    private static ProcessBuilder nginx(Path prefix, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                NGINX.toString(),
                "-p",
                prefix + "/",
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-e",
                prefix.resolve("logs/error.log").toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
