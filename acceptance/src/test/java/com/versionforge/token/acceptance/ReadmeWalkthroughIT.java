package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walkthrough verbatim against {@code ./run.sh}, as a new user would on the default ports, then
 * restarts the service on the same data to show nothing was lost.
 */
class ReadmeWalkthroughIT {

    private static final Pattern WALKTHROUGH = Pattern.compile("## Walkthrough.*?```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dataDir;

    @Test
    void walkthroughWorksVerbatimAndDataSurvivesARestart() throws Exception {
        String walkthrough = readmeWalkthrough();

        String output;
        try (RunScript service = RunScript.start(dataDir)) {
            // The admin token goes to a file, not to the output that a failing assertion would print.
            output = bash(walkthrough + "\necho \"$ADMIN\" > \"$VF_DATA_DIR/admin.token\"\n");
        }

        assertThat(output)
                .contains("\"name\": \"CI/CD Pipeline - Production\"")
                .contains("\"status\": \"revoked\"")
                .contains("\"code\": \"token-revoked\"")
                .doesNotContain("\"token\": \"vf_tok_");
        assertThat(output.lines().filter("200"::equals))
                .as("the check passed once")
                .hasSize(1);
        String admin = Files.readString(dataDir.resolve("admin.token")).strip();

        try (RunScript restarted = RunScript.start(dataDir)) {
            String check = bash("curl -s -o /dev/null -w '%{http_code}' localhost:8080/api/v1/auth/check"
                    + " -H \"Authorization: Bearer " + admin + "\"");
            assertThat(check).as("the admin token after a restart").isEqualTo("200");
        }
    }

    private static String readmeWalkthrough() throws IOException {
        String readme = Files.readString(RunScript.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher matcher = WALKTHROUGH.matcher(readme);
        assertThat(matcher.find()).as("README has a bash walkthrough").isTrue();
        return matcher.group(1);
    }

    private String bash(String script) throws Exception {
        Path log = Files.createTempFile(dataDir, "walkthrough", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(RunScript.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(RunScript.environment(dataDir));
        Process process = builder.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the commands ended:\n" + output).isTrue();
        assertThat(process.exitValue()).as("the commands succeeded:\n" + output).isZero();
        return output;
    }
}
