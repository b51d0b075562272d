package com.versionforge.token.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged command side started as an operator would, with {@code java -jar}, and stopped with SIGTERM. */
final class CommandSideJar extends ServiceJar {

    static final Path JAR = RunScript.ROOT.resolve("command-side/target/command-side-0.1.0-SNAPSHOT.jar");

    private CommandSideJar(int port, Map<String, String> environment, String... arguments) throws IOException {
        super("command side", JAR, "VF_COMMAND_PORT", port, environment, arguments);
    }

    /**
     * Starts the jar on {@code port} with {@code environment} and {@code arguments}, and returns once it is healthy.
     */
    static CommandSideJar start(int port, Map<String, String> environment, String... arguments) throws IOException {
        CommandSideJar jar = launch(port, environment, arguments);
        jar.awaitHealthy();
        return jar;
    }

    /** Starts the jar and returns at once, so that several nodes can start side by side; then {@link #awaitHealthy}. */
    static CommandSideJar launch(int port, Map<String, String> environment, String... arguments) throws IOException {
        return new CommandSideJar(port, environment, arguments);
    }

    /**
     * Runs {@code bootstrap --tenant=<tenant>} with {@code VF_DATA_DIR=dataDir} and returns the admin token it prints
     * as its last line. The token stays in memory: nothing here prints or logs it.
     */
    static String bootstrap(Path dataDir, String tenant) throws Exception {
        return bootstrap(Map.of("VF_DATA_DIR", dataDir.toString()), tenant);
    }

    /** Runs {@code bootstrap --tenant=<tenant>} with {@code environment}, such as a {@code SPRING_DATASOURCE_URL}. */
    static String bootstrap(Map<String, String> environment, String tenant) throws Exception {
        Path output = Files.createTempFile("bootstrap", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "java", QUICK_START, "-jar", JAR.toString(), "bootstrap", "--tenant=" + tenant)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
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
}
