package com.versionforge.token.command.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the embedded PostgreSQL of a running command side, so that the command line connects to it instead of
 * failing to start a second server on the same data directory.
 */
final class RunningEmbeddedPostgres {

    private static final int PORT_LINE = 3; // postmaster.pid: pid, data directory, start time, port, …

    private RunningEmbeddedPostgres() {}

    /** The JDBC URL of the server that holds {@code $VF_DATA_DIR/postgres}, if one is up; empty otherwise. */
    static Optional<String> find() {
        if (System.getenv("SPRING_DATASOURCE_URL") != null) {
            return Optional.empty();
        }
        String dataDir = Optional.ofNullable(System.getenv("VF_DATA_DIR")).orElse("./data");
        Path pidFile = Path.of(dataDir, "postgres", "postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            int port = Integer.parseInt(lines.get(PORT_LINE).strip());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
            }
            return Optional.of("jdbc:postgresql://localhost:" + port + "/postgres");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
