package com.versionforge.token.command.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.command.credential.TokenSecret;
import com.versionforge.token.command.support.RunningCommandSide;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.TestSocketUtils;

/**
 * {@code bootstrap --tenant=<id>} as an operator runs it: a separate JVM, configured through its environment, that
 * prints a working admin token as the last line of standard output, whether or not the service runs.
 */
class BootstrapCommandIT extends RunningCommandSide {

    private static final String TENANT = "acme";
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path workingDirectory;

    @Test
    void printsWorkingAdminTokenAsLastLineWhileTheServiceRuns() throws Exception {
        clock.set(Instant.now());

        Result result = runInOwnJvm(
                Map.of("VF_DATA_DIR", dataRoot.toString()), "bootstrap", "--tenant=" + TENANT, "--expires-in=90d");

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        String secret = lastLine(result.out());
        assertThat(TokenSecret.parse(secret)).isPresent();
        assertThat(result.out().indexOf(secret)).isEqualTo(result.out().lastIndexOf(secret));
        assertThat(result.err()).doesNotContain(secret);
        ResponseEntity<String> check = api.check(secret, "?scope=admin", new HttpHeaders());
        assertThat(check.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(check.getHeaders().getFirst("X-VF-Tenant-Id")).isEqualTo(TENANT);
        assertThat(check.getHeaders().getFirst("X-VF-Token-Scope")).isEqualTo("admin");
    }

    @Test
    void storesWorkingAdminTokenWhenNoServiceRuns() throws Exception {
        Path ownDataRoot = workingDirectory.resolve("standalone");
        int ownDatabasePort = TestSocketUtils.findAvailableTcpPort();

        Result result = runInOwnJvm(
                Map.of("VF_DATA_DIR", ownDataRoot.toString(), "VF_DB_PORT", String.valueOf(ownDatabasePort)),
                "bootstrap",
                "--tenant=" + TENANT);

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        String secret = lastLine(result.out());
        String digest = TokenSecret.parse(secret).orElseThrow().digest().hex();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(ownDataRoot.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(ownDatabasePort)
                .start()) {
            String stored = JdbcClient.create(postgres.getPostgresDatabase())
                    .sql("SELECT tenant_id || '/' || scope || '/' || status FROM token_credential"
                            + " WHERE secret_digest = ?")
                    .param(digest)
                    .query(String.class)
                    .single();
            assertThat(stored).isEqualTo(TENANT + "/admin/active");
        }
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    /**
     * Runs the application's main class as a new JVM with {@code environment} added to this one's, the way
     * {@code ./run.sh bootstrap} does; the child, not the test, calls {@code System.exit}.
     */
    private Result runInOwnJvm(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = workingDirectory.resolve("out.txt");
        Path err = workingDirectory.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "com.versionforge.token.command.CommandSideApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().putAll(environment);

        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bootstrap did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}
}
