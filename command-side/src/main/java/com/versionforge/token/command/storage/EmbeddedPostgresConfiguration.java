package com.versionforge.token.command.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from Maven Central binaries when no datasource is configured, so that the service runs
 * with nothing installed but a JDK. Boot's datasource, Flyway and Axon then connect to it like to any other server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
class EmbeddedPostgresConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        logger.info(
                "Starting embedded PostgreSQL on port [{}] with data in [{}]", properties.port(), properties.dataDir());
        return EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDir())
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                // Zonky turns both off for speed; a crash must not lose committed events.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Zonky's own JVM shutdown hook would stop PostgreSQL while Spring's hook is still shutting down, so
                // the uses counted since the last flush would be lost on SIGTERM; this bean's close() stops it last.
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnection(EmbeddedPostgres postgres) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "postgres";
            }

            @Override
            public String getJdbcUrl() {
                return postgres.getJdbcUrl("postgres", "postgres");
            }
        };
    }
}
