package com.versionforge.token.query.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.transaction.PlatformTransactionManager;

/** What the query side meets outside itself in a test: a PostgreSQL of its own, the command side, a movable clock. */
@TestConfiguration(proxyBeanMethods = false)
public class QuerySideTestConfiguration {

    /** A fresh PostgreSQL on a random port in a temporary folder, gone when the context closes. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        // Stopped by the context (destroyMethod), after Axon and the connection pool. Zonky's own shutdown hook would
        // stop it while the context closes and leave the context's last statements waiting for the pool's timeout.
        return EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
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

    @Bean(destroyMethod = "close")
    StubCommandSide stubCommandSide() throws IOException {
        return new StubCommandSide();
    }

    @Bean
    DynamicPropertyRegistrar commandSideUrl(StubCommandSide commandSide) {
        return registry -> registry.add("vf.command-side.url", commandSide::url);
    }

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(MutableClock.DEFAULT_NOW);
    }

    @Bean
    QuerySideClient querySideClient(Environment environment) {
        return new QuerySideClient(environment);
    }

    @Bean
    TokenHistory tokenHistory(
            EventStore eventStore, EventProcessingConfiguration processing, PlatformTransactionManager transactions) {
        return new TokenHistory(eventStore, processing, transactions);
    }
}
