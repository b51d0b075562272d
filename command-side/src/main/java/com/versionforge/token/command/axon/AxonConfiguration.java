package com.versionforge.token.command.axon;

import com.versionforge.token.api.AuditMetadata;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings that properties cannot express. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Copies who, from where and which request from each command onto the events it causes (DESIGN.md 13). */
    @Bean
    CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(
                AuditMetadata.ACTOR, AuditMetadata.CLIENT_IP, AuditMetadata.REQUEST_ID);
    }

    /** Axon's own correlation and trace ids, which a custom provider would otherwise replace. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Every this many events a token's state is snapshotted, so that a busy token loads as fast as a new one. */
    static final int SNAPSHOT_EVERY = 100;

    /**
     * A token used all year collects a use event per window and node; without snapshots each command would replay
     * them all.
     */
    @Bean
    SnapshotTriggerDefinition apiTokenSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }

    /** PostgreSQL's SQL state for a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * Tells Axon that PostgreSQL refused an event for its (token, sequence number): another node appended that number
     * first. Axon then raises a {@link ConcurrencyException}, which the command gateway retries. Axon's JDBC default
     * looks for a {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws, so the
     * loser of such a race failed outright. The resolver lives in Axon's JPA package but needs no JPA.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor();
    }

    /**
     * Two command-side nodes may append to one token at once (a revoke on one, a use window on the other); the loser
     * of that optimistic lock is retried a few times instead of failing. Only such conflicts are retried: a refusal by
     * a token rule is final.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retryScheduler(commandRetryExecutor))
                .build();
    }

    static IntervalRetryScheduler retryScheduler(ScheduledExecutorService retryExecutor) {
        return IntervalRetryScheduler.builder()
                .retryExecutor(retryExecutor)
                .retryInterval(50)
                .maxRetryCount(3)
                .nonTransientFailurePredicate(failure -> !isLostOptimisticLock(failure))
                .build();
    }

    /**
     * Whether {@code failure} says that another node appended to the token first: Axon's {@link ConcurrencyException},
     * or the driver's unique violation beneath it. Axon's retry scheduler asks its predicate about a failure and each
     * of its causes, and retries only when none of them is final; so the cause of a {@link ConcurrencyException} must
     * not count as final either, or no conflict is ever retried.
     */
    static boolean isLostOptimisticLock(Throwable failure) {
        return failure instanceof ConcurrencyException
                || (failure instanceof SQLException sqlFailure && UNIQUE_VIOLATION.equals(sqlFailure.getSQLState()));
    }
}
