package com.versionforge.token.acceptance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./run.sh} started as a user would, with its output kept in a file for assertions and diagnosis. */
final class RunScript implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("vf.repository.root", ".."))
            .toAbsolutePath()
            .normalize();

    private final Process process;
    private final Path output;

    private RunScript(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts both services on {@code dataDir} and returns once the script says they are up. */
    static RunScript start(Path dataDir) throws IOException {
        Path output = Files.createTempFile("run-sh", ".out");
        ProcessBuilder builder = new ProcessBuilder("./run.sh")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment(dataDir));
        RunScript script = new RunScript(builder.start(), output);
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
