package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import com.versionforge.token.acceptance.ApiClient.Token;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway of {@code docker/compose.yaml} (its three nginx files, rendered as the nginx image renders them) in
 * front of both services started by {@code ./run.sh}: the token page without a token, writes to the command side and
 * reads to the query side behind the auth check; and the images' health check against both. Only the addresses
 * differ from the stack: loopback ports here, service names there.
 */
class ComposeGatewayIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path ENVSUBST = Path.of("/usr/bin/envsubst");
    private static final Path NGINX_FILES = RunScript.ROOT.resolve("docker/nginx");
    private static final String GATEWAY_SECRET = "compose-gateway-it-secret";

    @TempDir
    static Path work;

    private static RunScript services;
    private static int commandPort;
    private static int queryPort;
    private static Process nginx;
    private static String gatewayUrl;
    private static ApiClient gateway;
    private static Token admin;

    @BeforeAll
    static void startBothServicesBehindTheStacksGateway() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at /usr/sbin/nginx (Debian package nginx)");
        assumeTrue(Files.isExecutable(ENVSUBST), "envsubst is not installed (Debian package gettext-base)");
        commandPort = CommandSideJar.freePort();
        queryPort = CommandSideJar.freePort();
        int gatewayPort = CommandSideJar.freePort();
        gatewayUrl = "http://localhost:" + gatewayPort;
        services = RunScript.start(
                Files.createDirectories(work.resolve("data")),
                Map.of(
                        "VF_COMMAND_PORT",
                        Integer.toString(commandPort),
                        "VF_QUERY_PORT",
                        Integer.toString(queryPort),
                        "VF_DB_PORT",
                        Integer.toString(CommandSideJar.freePort()),
                        "VF_COMMAND_SIDE_PUBLIC_URL",
                        gatewayUrl,
                        "VF_CORS_ALLOWED_ORIGINS",
                        gatewayUrl,
                        "VF_GATEWAY_SECRET",
                        GATEWAY_SECRET));
        admin = Token.bootstrapped(services.bootstrap("acme"));

        Path prefix = gatewayConfiguration(Map.of(
                "VF_GATEWAY_PORT", "127.0.0.1:" + gatewayPort,
                "VF_TOKEN_SERVICE", "127.0.0.1:" + commandPort,
                "VF_QUERY_SIDE", "127.0.0.1:" + queryPort,
                "VF_PROTECTED_API", "127.0.0.1:" + CommandSideJar.freePort(),
                "VF_GATEWAY_SECRET", GATEWAY_SECRET));
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        prefix + "/",
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-e",
                        prefix.resolve("logs/error.log").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepts(gatewayPort));
        gateway = new ApiClient(gatewayUrl);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(30, TimeUnit.SECONDS);
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void servesTheTokenPageWithoutATokenAndPointsItsWritesAtTheGateway() {
        HttpResponse<String> root = gateway.get("/");
        HttpResponse<String> page = gateway.get("/settings/api-tokens");
        HttpResponse<String> config = gateway.get("/settings/api-tokens/config.json");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/settings/api-tokens"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(config.body(), "$.commandSideUrl")).isEqualTo(gatewayUrl);
    }

    @Test
    void sendsWritesToTheCommandSideAndReadsToTheQuerySide() {
        Token reader = gateway.create(admin, "Gateway reader", "read-only");

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> listed = gateway.get("/api/v1/tokens", "Authorization", reader.bearer());
                    assertThat(listed.statusCode()).isEqualTo(200);
                    assertThat(JsonPath.<List<String>>read(listed.body(), "$.items[*].name"))
                            .contains("Gateway reader");
                });
        HttpResponse<String> settings = gateway.get("/api/v1/settings/notifications", "Authorization", admin.bearer());
        assertThat(settings.statusCode())
                .as("a read that only the command side answers")
                .isEqualTo(200);
    }

    @Test
    void answersEveryPassWithOneSetOfRateLimitHeaders() {
        Token reader = gateway.create(admin, "Gateway headers", "read-only");

        HttpResponse<String> read = gateway.get("/api/v1/auth/whoami", "Authorization", reader.bearer());

        assertThat(read.statusCode()).isEqualTo(200);
        for (String header : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")) {
            assertThat(read.headers().allValues(header)).as(header).hasSize(1);
        }
        assertThat(read.headers().firstValue("X-RateLimit-Limit")).hasValue("120");
    }

    @Test
    void countsARequestThroughTheGatewayOnceAgainstItsToken() throws Exception {
        Token reader = gateway.create(admin, "Gateway counted read", "read-only");
        Token settingsAdmin = gateway.create(admin, "Gateway counted write side", "admin");
        awayFromTheEndOfAMinute();

        HttpResponse<String> read = gateway.get("/api/v1/auth/whoami", "Authorization", reader.bearer());
        HttpResponse<String> settings =
                gateway.get("/api/v1/settings/notifications", "Authorization", settingsAdmin.bearer());

        // Each token's first request: one unit of a window, whichever window it falls in.
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-RateLimit-Remaining"))
                .as("a read through the gateway to the query side")
                .hasValue("119");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.headers().firstValue("X-RateLimit-Remaining"))
                .as("a request through the gateway to the command side")
                .hasValue("29");
        HttpResponse<String> direct = new ApiClient("http://localhost:" + commandPort)
                .get("/api/v1/auth/check", "Authorization", reader.bearer());
        assertThat(direct.headers().firstValue("X-RateLimit-Remaining"))
                .as("the command side's own count after one request through the gateway and this check")
                .hasValue("118");
    }

    @Test
    void passesAsManyRequestsAsTheLimitThenRelaysTheServicesRefusal() throws Exception {
        Token settingsAdmin = gateway.create(admin, "Gateway exhausted", "admin");
        awayFromTheEndOfAMinute();

        for (int i = 1; i <= 30; i++) {
            HttpResponse<String> passed =
                    gateway.get("/api/v1/settings/notifications", "Authorization", settingsAdmin.bearer());
            assertThat(passed.statusCode()).as("request %d of 30", i).isEqualTo(200);
            assertThat(passed.headers().allValues("X-RateLimit-Remaining"))
                    .as("request %d of 30", i)
                    .containsExactly(Integer.toString(30 - i));
        }
        HttpResponse<String> refused =
                gateway.get("/api/v1/settings/notifications", "Authorization", settingsAdmin.bearer());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(refused.body(), "$.code")).isEqualTo("rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().allValues("X-RateLimit-Remaining")).containsExactly("0");
    }

    @Test
    void neverPassesAClientsGatewaySecretOn() throws Exception {
        Token reader = gateway.create(admin, "Gateway secret guesser", "read-only");
        awayFromTheEndOfAMinute();

        HttpResponse<String> check = gateway.get(
                "/api/v1/auth/check", "Authorization", reader.bearer(), "X-VF-Gateway-Secret", GATEWAY_SECRET);
        HttpResponse<String> read = gateway.get(
                "/api/v1/auth/whoami", "Authorization", reader.bearer(), "X-VF-Gateway-Secret", GATEWAY_SECRET);

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.headers().firstValue("X-RateLimit-Remaining"))
                .as("the public auth check counts, whatever the client sends")
                .hasValue("119");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().allValues("X-RateLimit-Remaining")).containsExactly("118");
    }

    @Test
    void refusesAReadWithoutATokenBeforeItReachesTheQuerySide() {
        HttpResponse<String> refused = gateway.get("/api/v1/tokens");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(refused.body(), "$.code")).isEqualTo("token-missing");
    }

    @Test
    void refusesARevokedTokenAtTheGatewayAndAtTheAuthCheckBehindIt() {
        Token revoked = gateway.create(admin, "Gateway revoked", "read-only");

        assertThat(gateway.revoke(admin, revoked)).isEqualTo(200);

        HttpResponse<String> read = gateway.get("/api/v1/tokens", "Authorization", revoked.bearer());
        HttpResponse<String> check = gateway.get("/api/v1/auth/check", "Authorization", revoked.bearer());
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat((String) JsonPath.read(read.body(), "$.code")).isEqualTo("token-revoked");
        assertThat(check.statusCode()).isEqualTo(401);
        assertThat((String) JsonPath.read(check.body(), "$.code")).isEqualTo("token-revoked");
    }

    @Test
    void keepsTheActuatorInsideTheNetwork() {
        assertThat(gateway.get("/actuator/health").statusCode()).isEqualTo(404);
        for (String path :
                List.of("/actuator/prometheus", "/actuator;x/prometheus", "/actuator", "/%61ctuator/health")) {
            assertThat(gateway.get(path, "Authorization", admin.bearer()).statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
    }

    @Test
    void findsBothServicesHealthyWithTheImagesHealthCheck() throws Exception {
        assertThat(healthCheck(Map.of("VF_SERVICE", "command-side", "VF_COMMAND_PORT", Integer.toString(commandPort))))
                .isZero();
        assertThat(healthCheck(Map.of("VF_SERVICE", "query-side", "VF_QUERY_PORT", Integer.toString(queryPort))))
                .isZero();
        assertThat(healthCheck(Map.of(
                        "VF_SERVICE", "command-side", "VF_COMMAND_PORT", Integer.toString(CommandSideJar.freePort()))))
                .as("nothing listens there")
                .isNotZero();
    }

    /** docker/healthcheck.sh, the HEALTHCHECK of both images, run with the environment that the image sets. */
    private static int healthCheck(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        RunScript.ROOT.resolve("docker/healthcheck.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process check = builder.start();
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
    }

    /** The files that compose.yaml mounts into the nginx image, where it mounts them, rendered by envsubst. */
    private static Path gatewayConfiguration(Map<String, String> addresses) throws Exception {
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        Files.createDirectories(prefix.resolve("conf.d"));
        Files.createDirectories(prefix.resolve("vf-gateway.d"));
        for (String template : List.of("gateway.conf.template", "token-service.conf.template")) {
            String rendered = envsubst(NGINX_FILES.resolve(template), addresses);
            assertThat(rendered)
                    .as("every placeholder of " + template + " filled")
                    .doesNotContain("${");
            Files.writeString(prefix.resolve("conf.d").resolve(template.replace(".template", "")), rendered);
        }
        Files.copy(
                NGINX_FILES.resolve("token-service-locations.conf"),
                prefix.resolve("vf-gateway.d/token-service-locations.conf"));
        Files.writeString(prefix.resolve("nginx.conf"), """
                pid logs/nginx.pid;
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
                    include conf.d/*.conf;
                }
                """);
        return prefix;
    }

    private static String envsubst(Path template, Map<String, String> variables) throws Exception {
        String names =
                variables.keySet().stream().map(name -> "${" + name + "}").collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(ENVSUBST.toString(), names)))
                .redirectInput(template.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output;
    }

    /** Rate-limit windows are whole minutes: a test that fills one starts well before the next. */
    private static void awayFromTheEndOfAMinute() throws InterruptedException {
        int second = java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond();
        if (second >= 45) {
            Thread.sleep((61 - second) * 1000L);
        }
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
