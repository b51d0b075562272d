package com.versionforge.token.command.axon;

import com.versionforge.token.api.AuditMetadata;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
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
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .retryInterval(50)
                        .maxRetryCount(3)
                        .nonTransientFailurePredicate(failure -> !(failure instanceof ConcurrencyException))
                        .build())
                .build();
    }
}
