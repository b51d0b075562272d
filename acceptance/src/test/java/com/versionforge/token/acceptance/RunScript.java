package com.versionforge.token.acceptance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** {@code ./run.sh} started as a user would, with its output kept in a file for assertions and diagnosis. */
final class RunScript implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("vf.repository.root", ".."))
            .toAbsolutePath()
            .normalize();

    private static final Pattern SECRET = Pattern.compile("vf_tok_[0-9A-Za-z]+");

    private final Process process;
    private final Path output;
    private final Map<String, String> environment;

    private RunScript(Process process, Path output, Map<String, String> environment) {
        this.process = process;
        this.output = output;
        this.environment = environment;
    }

    /** Starts both services on {@code dataDir} and returns once the script says they are up. */
    static RunScript start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /** Starts both services with further environment, such as {@code VF_QUERY_PORT}. */
    static RunScript start(Path dataDir, Map<String, String> settings) throws IOException {
        Map<String, String> environment = new HashMap<>(environment(dataDir));
        environment.putAll(settings);
        Path output = Files.createTempFile("run-sh", ".out");
        ProcessBuilder builder = new ProcessBuilder("./run.sh")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        RunScript script = new RunScript(builder.start(), output, environment);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!script.process.isAlive()) {
                        throw new AssertionError("run.sh ended early:\n" + script.output());
                    }
                    return script.output().contains("is up");
                });
        return script;
    }

    /** The environment both this script and the walkthrough commands share. */
    static Map<String, String> environment(Path dataDir) {
        return Map.of("VF_DATA_DIR", dataDir.toString());
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /**
     * What the operator does for a tenant's first admin token: {@code ./run.sh bootstrap}, with this run's settings.
     * The secret is returned, never printed; a failure shows the command's output with any secret masked.
     */
    String bootstrap(String tenant) throws Exception {
        Path log = Files.createTempFile("bootstrap", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("./run.sh", "bootstrap", "--tenant=" + tenant)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process bootstrap = builder.start();
            boolean ended = bootstrap.waitFor(5, TimeUnit.MINUTES);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!ended || bootstrap.exitValue() != 0) {
                bootstrap.destroyForcibly();
                throw new AssertionError("./run.sh bootstrap failed:\n" + masked(output));
            }
            List<String> lines = output.strip().lines().toList();
            return lines.get(lines.size() - 1).strip();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Text with every token secret replaced, fit for a test report. */
    static String masked(String text) {
        return SECRET.matcher(text).replaceAll("vf_tok_[masked]");
    }

    /** What Ctrl-C does: the script stops both services and ends. */
    @Override
    public void close() throws Exception {
        var children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run.sh did not stop within 60 s:\n" + output());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
}
