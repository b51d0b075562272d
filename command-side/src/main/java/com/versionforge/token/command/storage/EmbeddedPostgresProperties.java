package com.versionforge.token.command.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its data and on which port it listens, so that the query side and the operator
 * command line can reach it.
 */
@ConfigurationProperties("vf.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDir, int port) {}
