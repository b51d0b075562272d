package com.versionforge.token.command.support;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The whole command side over real HTTP on a random port, on an embedded PostgreSQL of its own: every test class
 * gets a fresh data directory and a free database port, and its context is closed after the class, so classes
 * neither share data nor collide on ports. The clock starts at {@link CommandSideTestConfiguration#START} before
 * each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CommandSideTestConfiguration.class)
@DirtiesContext
public abstract class RunningCommandSide {

    /** The data directory's parent, as {@code VF_DATA_DIR} names it; the database lives in its {@code postgres}. */
    @TempDir
    protected static Path dataRoot;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected TokenIssuer issuer;

    @Autowired
    protected JdbcClient jdbc;

    @LocalServerPort
    private int serverPort;

    protected TokenApi api;

    @DynamicPropertySource
    static void embeddedPostgresOfThisClass(DynamicPropertyRegistry registry) {
        int databasePort = TestSocketUtils.findAvailableTcpPort();
        registry.add("vf.embedded-postgres.data-dir", () -> dataRoot.resolve("postgres"));
        registry.add("vf.embedded-postgres.port", () -> databasePort);
        // The clock stands still at START, so every request of a class falls in one rate-limit window; these classes
        // test other rules, and the limits have tests of their own.
        for (String scope : new String[] {"read-only", "sync-trigger", "admin"}) {
            registry.add("vf.rate-limit.requests-per-minute." + scope, () -> 1_000_000);
        }
    }

    @BeforeEach
    void startClockAndClient() {
        clock.set(CommandSideTestConfiguration.START);
        api = TokenApi.at(serverPort);
    }
}
