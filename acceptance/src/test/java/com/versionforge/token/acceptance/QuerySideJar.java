package com.versionforge.token.acceptance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The packaged query side started as an operator would, with {@code java -jar}, and stopped with SIGTERM. */
final class QuerySideJar extends ServiceJar {

    static final Path JAR = RunScript.ROOT.resolve("query-side/target/query-side-0.1.0-SNAPSHOT.jar");

    private QuerySideJar(int port, Map<String, String> environment) throws IOException {
        super("query side", JAR, "VF_QUERY_PORT", port, environment);
    }

    /** Starts the jar and returns at once, so that several nodes can start side by side; then {@link #awaitHealthy}. */
    static QuerySideJar launch(int port, Map<String, String> environment) throws IOException {
        return new QuerySideJar(port, environment);
    }
}
