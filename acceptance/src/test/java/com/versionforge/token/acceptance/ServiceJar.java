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

/**
 * A packaged service started as an operator would, with {@code java -jar}, on a port of its own; stopped with SIGTERM,
 * or killed with SIGKILL.
 */
class ServiceJar implements AutoCloseable {

    /** How a process that SIGKILL ended exits: 128 plus the signal's number, 9. */
    static final int KILLED_BY_SIGKILL = 128 + 9;

    /**
     * The JVM's quick compiler only: a node of a test starts in far less CPU time, which counts when several start at
     * once on a small machine. What a node does is the same.
     */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    /** Launches {@code jar} with {@code portVariable=port}, {@code environment} and {@code arguments}. */
    ServiceJar(
            String name, Path jar, String portVariable, int port, Map<String, String> environment, String... arguments)
            throws IOException {
        this.name = name;
        this.port = port;
        this.log = Files.createTempFile(name.replace(' ', '-') + "-" + port, ".log");
        List<String> command = new ArrayList<>(List.of("java", QUICK_START, "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put(portVariable, Integer.toString(port));
        this.process = builder.start();
    }

    /** A TCP port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Returns once the service answers its health check with UP; stops it and fails if it does not within 3 min. */
    final void awaitHealthy() {
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(this::isHealthy);
        } catch (RuntimeException | Error e) {
            close();
            throw new AssertionError("The " + name + " on port " + port + " did not start:\n" + logTail(), e);
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The owner that Axon's token store records for this node's claims: its default node id, pid@host. */
    String tokenOwner() {
        return process.pid() + "@";
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
            throw new AssertionError("The " + name + " on port " + port + " stopped:\n" + logTail());
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

    /**
     * {@code kill -9}: SIGKILL, which the JVM can neither catch nor delay, so nothing of a graceful shutdown runs.
     * Returns the exit status, {@link #KILLED_BY_SIGKILL} when that signal ended the process.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The " + name + " on port " + port + " outlived SIGKILL by 30 s");
        }
        return process.exitValue();
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
