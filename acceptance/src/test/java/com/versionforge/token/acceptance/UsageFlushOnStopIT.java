package com.versionforge.token.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.acceptance.ApiClient.Token;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command side on its embedded PostgreSQL, stopped with SIGTERM as Ctrl-C or a container stop does:
 * the uses it counted but had not yet written are in the event store when it is started again.
 */
class UsageFlushOnStopIT {

    @TempDir
    Path dataDir;

    @Test
    void storesEveryCountedUseWhenStopped() throws Exception {
        Map<String, String> environment = Map.of(
                "VF_DATA_DIR", dataDir.toString(),
                "VF_DB_PORT", Integer.toString(CommandSideJar.freePort()),
                // No window ends while the test runs: only the first use and the stop write anything.
                "VF_USAGE_WINDOW", "10m");
        int checks = 12;

        try (CommandSideJar service = CommandSideJar.start(CommandSideJar.freePort(), environment)) {
            Token admin = Token.bootstrapped(CommandSideJar.bootstrap(dataDir, "acme"));
            ApiClient api = new ApiClient(service.baseUrl());
            for (int i = 0; i < checks; i++) {
                assertThat(api.get("/api/v1/auth/check", "Authorization", admin.bearer())
                                .statusCode())
                        .isEqualTo(200);
            }
        }

        try (CommandSideJar restarted = CommandSideJar.start(CommandSideJar.freePort(), environment);
                Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + environment.get("VF_DB_PORT") + "/postgres",
                        "postgres",
                        "postgres");
                Statement statement = connection.createStatement();
                ResultSet stored = statement.executeQuery("""
                        SELECT count(*), sum((convert_from(payload, 'UTF8')::jsonb ->> 'count')::bigint)
                        FROM domainevententry WHERE payloadtype = 'com.versionforge.token.api.TokenUsedEvent'""")) {
            stored.next();
            assertThat(stored.getLong(1))
                    .as("TokenUsedEvents: the first use, then the stop's flush")
                    .isEqualTo(2);
            assertThat(stored.getLong(2)).as("uses stored").isEqualTo(checks);
        }
    }
}
