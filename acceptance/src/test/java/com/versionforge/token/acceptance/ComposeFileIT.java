package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} as docker-compose resolves it, and its gateway configuration as nginx loads it: what can
 * be checked of the container deployment without a Docker engine. Debian's docker-compose 1.29 only reads the file for
 * {@code config}, and {@code nginx -t} only loads the configuration, with the stack's service names mapped to loopback
 * in a private mount namespace (nginx resolves upstream names when it loads them).
 */
class ComposeFileIT {

    private static final Path COMPOSE_FILE = RunScript.ROOT.resolve("docker/compose.yaml");
    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path ENVSUBST = Path.of("/usr/bin/envsubst");
    private static final List<String> SERVICES =
            List.of("postgres", "axonserver", "command-side", "query-side", "gateway");
    private static final String NGINX_CONFIGURATION = "/etc/nginx/";
    private static final String NGINX_TEMPLATES = "/etc/nginx/templates/";

    @TempDir
    static Path work;

    private static Map<String, Object> services;

    @BeforeAll
    static void resolveTheComposeFile() throws Exception {
        assumeTrue(
                Files.isExecutable(DOCKER_COMPOSE),
                "docker-compose is not installed at /usr/bin/docker-compose (Debian package docker-compose;"
                        + " .ci/run installs it)");
        services = services(dockerComposeConfig(Map.of()));
    }

    @Test
    void resolvesTheFiveServicesWithTheGatewayAsTheOnlyPublishedPort() {
        assertThat(services).containsOnlyKeys(SERVICES);
        assertThat(SERVICES.stream().filter(name -> service(name).containsKey("ports")))
                .containsExactly("gateway");
        assertThat(ports(service("gateway"))).containsExactly(Map.of("published", 8000, "target", 8080));
        assertThat(environment("gateway")).containsEntry("VF_GATEWAY_PORT", "8080");
    }

    @Test
    void runsBothServicesInTheAxonServerProfileOnThePostgresOfTheStack() {
        assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
        assertThat(service("postgres")).containsKey("healthcheck");
        assertThat((String) service("axonserver").get("image")).startsWith("axoniq/axonserver:");
        assertThat(environment("axonserver")).containsEntry("AXONIQ_AXONSERVER_STANDALONE", "true");

        for (String side : List.of("command-side", "query-side")) {
            assertThat(environment(side))
                    .as(side)
                    .containsEntry("SPRING_PROFILES_ACTIVE", "axonserver")
                    .containsEntry("AXONSERVER_SERVERS", "axonserver:8124")
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/tokens")
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "tokens")
                    .containsEntry(
                            "SPRING_DATASOURCE_PASSWORD",
                            environment("postgres").get("POSTGRES_PASSWORD"));
            assertThat(dependsOn(side))
                    .containsEntry("postgres", Map.of("condition", "service_healthy"))
                    .containsEntry("axonserver", Map.of("condition", "service_healthy"));
            assertThat(service(side).get("mem_limit"))
                    .as(side + " has a memory limit")
                    .isNotNull();
        }
        assertThat(environment("command-side")).containsEntry("VF_RATE_LIMIT_STORE", "postgres");
        assertThat(environment("query-side")).containsEntry("VF_COMMAND_SIDE_URL", "http://command-side:8080");
        assertThat(environment("gateway"))
                .containsEntry("VF_TOKEN_SERVICE", "command-side:8080")
                .containsEntry("VF_QUERY_SIDE", "query-side:8080");
        assertThat(environment("gateway").get("VF_GATEWAY_SECRET"))
                .as("the gateway's pre-check secret, so that a request through it counts once")
                .isNotBlank()
                .isEqualTo(environment("command-side").get("VF_GATEWAY_SECRET"));
    }

    @Test
    void buildsBothImagesFromTheOneDockerfileAndThePackagedJars() {
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> build = map(service(side).get("build"));
            assertThat(Path.of((String) build.get("context"))).isEqualTo(RunScript.ROOT);
            assertThat(RunScript.ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
            assertThat(map(build.get("args"))).containsEntry("SERVICE", side);
        }
    }

    @Test
    void takesThePublishedPortAndThePublicAddressFromTheEnvironment() throws Exception {
        Map<String, Object> configured = services(dockerComposeConfig(Map.of(
                "VF_HTTP_PORT", "9443",
                "VF_PUBLIC_URL", "https://tokens.example.com",
                "VF_DB_PASSWORD", "s3cret-of-the-operator",
                "VF_GATEWAY_SECRET", "gateway-secret-of-the-operator")));

        assertThat(ports(map(configured.get("gateway")))).containsExactly(Map.of("published", 9443, "target", 8080));
        assertThat(map(map(configured.get("command-side")).get("environment")))
                .containsEntry("VF_PUBLIC_URL", "https://tokens.example.com")
                .containsEntry("VF_CORS_ALLOWED_ORIGINS", "https://tokens.example.com")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "s3cret-of-the-operator")
                .containsEntry("VF_GATEWAY_SECRET", "gateway-secret-of-the-operator");
        assertThat(map(map(configured.get("gateway")).get("environment")))
                .containsEntry("VF_GATEWAY_SECRET", "gateway-secret-of-the-operator");
        assertThat(map(map(configured.get("query-side")).get("environment")))
                .containsEntry("VF_COMMAND_SIDE_PUBLIC_URL", "https://tokens.example.com")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "s3cret-of-the-operator");
        assertThat(map(map(configured.get("postgres")).get("environment")))
                .containsEntry("POSTGRES_PASSWORD", "s3cret-of-the-operator");
    }

    @Test
    void believesForwardedAddressesOnlyFromTheGatewayAndTheQuerySide() {
        String gateway = ipv4Address("gateway");
        String querySide = ipv4Address("query-side");
        Pattern commandSideTrusts = Pattern.compile(environment("command-side").get("VF_TRUSTED_PROXIES"));
        Pattern querySideTrusts = Pattern.compile(environment("query-side").get("VF_TRUSTED_PROXIES"));
        // The subnet's first address is Docker's bridge, whence published-port clients may appear: never trusted.
        String bridge = gateway.substring(0, gateway.lastIndexOf('.')) + ".1";

        assertThat(commandSideTrusts.matcher(gateway).matches()).isTrue();
        assertThat(commandSideTrusts.matcher(querySide).matches()).isTrue();
        assertThat(commandSideTrusts.matcher(bridge).matches()).isFalse();
        assertThat(querySideTrusts.matcher(gateway).matches()).isTrue();
        assertThat(querySideTrusts.matcher(bridge).matches()).isFalse();
    }

    @Test
    void passesNginxTestWithTheGatewayConfigurationOfTheStack() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at /usr/sbin/nginx (Debian package nginx)");
        assumeTrue(Files.isExecutable(ENVSUBST), "envsubst is not installed (Debian package gettext-base)");
        assumeTrue(
                run(List.of("unshare", "--mount", "true"), Map.of()).exitCode() == 0,
                "unshare --mount is not permitted here; it maps the stack's service names for nginx -t");
        Path prefix = gatewayConfigurationAsTheImageRendersIt();
        Path hosts = work.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost " + String.join(" ", SERVICES) + "\n");

        Result test = run(
                List.of(
                        "unshare",
                        "--mount",
                        "sh",
                        "-c",
                        "mount --bind \"$1\" /etc/hosts && exec \"$2\" -t -p \"$3/\" -c \"$3/nginx.conf\" -e"
                                + " \"$3/logs/error.log\"",
                        "nginx-test",
                        hosts.toString(),
                        NGINX.toString(),
                        prefix.toString()),
                Map.of());

        assertThat(test.exitCode()).as("nginx -t:\n" + test.errors()).isZero();
        assertThat(test.errors()).contains("test is successful");
        String rendered = Files.readString(prefix.resolve("conf.d/gateway.conf"));
        assertThat(rendered)
                .contains("include vf-gateway.d/*.conf;")
                .contains("server command-side:8080;")
                .contains("server 127.0.0.1:8001;")
                .contains("auth_request /_vf/auth-check;")
                .contains("proxy_set_header X-VF-Gateway-Secret \""
                        + environment("gateway").get("VF_GATEWAY_SECRET") + "\";");
        assertThat(Files.readString(prefix.resolve("conf.d/token-service.conf")))
                .contains("server query-side:8080;");
    }

    /**
     * What the official nginx image does at start-up with the gateway's mounts and environment: each template under
     * {@code /etc/nginx/templates} rendered by envsubst (only the variables that NGINX_ENVSUBST_FILTER lets through)
     * into {@code conf.d}, other files where they are mounted, and a main configuration that includes {@code conf.d}.
     */
    private static Path gatewayConfigurationAsTheImageRendersIt() throws Exception {
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("conf.d"));
        Map<String, String> environment = environment("gateway");
        Pattern filter = Pattern.compile(environment.get("NGINX_ENVSUBST_FILTER"));
        Map<String, String> substituted = environment.entrySet().stream()
                .filter(variable -> filter.matcher(variable.getKey()).find())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String shellFormat =
                substituted.keySet().stream().map(name -> "${" + name + "}").collect(Collectors.joining(" "));

        List<String> volumes = list(service("gateway").get("volumes"));
        assertThat(volumes).as("the gateway's configuration files").isNotEmpty();
        for (String volume : volumes) {
            String[] parts = volume.split(":");
            Path source = Path.of(parts[0]);
            String target = parts[1];
            assertThat(source).as(volume).isRegularFile();
            assertThat(target).as(volume).startsWith(NGINX_CONFIGURATION);
            if (target.startsWith(NGINX_TEMPLATES) && target.endsWith(".template")) {
                String name = target.substring(NGINX_TEMPLATES.length()).replace(".template", "");
                Path output = prefix.resolve("conf.d").resolve(name);
                Result rendered = run(List.of(ENVSUBST.toString(), shellFormat), substituted, source);
                assertThat(rendered.exitCode()).as(rendered.errors()).isZero();
                assertThat(rendered.output())
                        .as("every placeholder of " + source + " filled")
                        .doesNotContain("${");
                Files.writeString(output, rendered.output());
            } else {
                Path output = prefix.resolve(target.substring(NGINX_CONFIGURATION.length()));
                Files.createDirectories(output.getParent());
                Files.copy(source, output);
            }
        }
        Files.writeString(prefix.resolve("nginx.conf"), """
                pid logs/nginx.pid;
                events {
                    worker_connections 256;
                }
                http {
                    include conf.d/*.conf;
                }
                """);
        return prefix;
    }

    private static String dockerComposeConfig(Map<String, String> settings) throws Exception {
        Result config = run(List.of(DOCKER_COMPOSE.toString(), "-f", COMPOSE_FILE.toString(), "config"), settings);
        assertThat(config.exitCode())
                .as("docker-compose config:\n" + config.errors())
                .isZero();
        return config.output();
    }

    private static Map<String, Object> services(String config) {
        Map<String, Object> document = new Yaml().load(config);
        return map(document.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private static Map<String, String> environment(String name) {
        Map<String, Object> environment = map(service(name).get("environment"));
        Map<String, String> values = new HashMap<>();
        environment.forEach((key, value) -> values.put(key, value == null ? null : value.toString()));
        return values;
    }

    private static Map<String, Object> dependsOn(String name) {
        return map(service(name).get("depends_on"));
    }

    private static List<Map<String, Object>> ports(Map<String, Object> service) {
        return list(service.get("ports"));
    }

    private static String ipv4Address(String name) {
        Map<String, Object> network = map(map(service(name).get("networks")).get("vf"));
        return (String) network.get("ipv4_address");
    }

    @SuppressWarnings("unchecked") // SnakeYAML gives a YAML mapping as a Map with String keys.
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked") // SnakeYAML gives a YAML sequence as a List.
    private static <T> List<T> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<T>) value;
    }

    private static Result run(List<String> command, Map<String, String> settings) throws Exception {
        return run(command, settings, null);
    }

    /** Runs a command with the stack's settings, not the caller's: VF_*, SPRING_* and COMPOSE_* are cleared first. */
    private static Result run(List<String> command, Map<String, String> settings, Path input) throws Exception {
        Path errors = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectError(errors.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("VF_") || name.startsWith("SPRING_") || name.startsWith("COMPOSE_"));
        builder.environment().putAll(settings);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output, Files.readString(errors));
    }

    /** Standard output, apart from standard error: docker-compose writes its warnings there, not into the YAML. */
    private record Result(int exitCode, String output, String errors) {}
}
