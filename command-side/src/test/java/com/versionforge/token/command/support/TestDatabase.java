package com.versionforge.token.command.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An embedded PostgreSQL of its own for one test class: a fresh data directory and a free port. */
public final class TestDatabase {

    private TestDatabase() {}

    /** Points {@code vf.embedded-postgres} at a new temporary directory and a free port. */
    public static void register(DynamicPropertyRegistry registry) {
        Path dataDir = temporaryDirectory("vf-it-postgres");
        int port = FreePorts.next();
        registry.add("vf.embedded-postgres.data-dir", dataDir::toString);
        registry.add("vf.embedded-postgres.port", () -> port);
    }

    /** A new directory under the system's temporary folder. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
