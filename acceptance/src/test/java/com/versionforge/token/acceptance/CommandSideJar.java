package com.versionforge.token.acceptance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged command side started as an operator would, with {@code java -jar}, and stopped with SIGTERM. */
final class CommandSideJar implements AutoCloseable {

    static final Path JAR = RunScript.ROOT.resolve("command-side/target/command-side-0.1.0-SNAPSHOT.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private CommandSideJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on {@code port} with {@code environment} and {@code arguments}, and returns once it is healthy.
     */
    static CommandSideJar start(int port, Map<String, String> environment, String... arguments) throws IOException {
        Path log = Files.createTempFile("command-side-" + port, ".log");
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("VF_COMMAND_PORT", Integer.toString(port));
        CommandSideJar jar = new CommandSideJar(builder.start(), log, port);
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(jar::isHealthy);
        } catch (RuntimeException | Error e) {
            jar.close();
            throw new AssertionError("The command side on port " + port + " did not start:\n" + jar.logTail(), e);
        }
        return jar;
    }

    /**
     * Runs {@code bootstrap --tenant=<tenant>} with {@code VF_DATA_DIR=dataDir} and returns the admin token it prints
     * as its last line. The token stays in memory: nothing here prints or logs it.
     */
    static String bootstrap(Path dataDir, String tenant) throws Exception {
        Path output = Files.createTempFile("bootstrap", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "java", "-jar", JAR.toString(), "bootstrap", "--tenant=" + tenant)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("VF_DATA_DIR", dataDir.toString());
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("bootstrap failed");
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return lines.get(lines.size() - 1).strip();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A TCP port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean isHealthy() {
        if (!process.isAlive()) {
            throw new AssertionError("The command side on port " + port + " stopped:\n" + logTail());
        }
        try {
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, as Ctrl-C or a container stop would send: a graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
