package com.versionforge.token.query.projection;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs a bulk replay at start for each projection that is far behind the head of the event store. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class ProjectionReplayConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(ProjectionReplayConfiguration.class);

    /**
     * Just before Axon starts the processors, brings each of {@code processors} that is at least {@code threshold}
     * events behind the head up to it in bulk, if this node can claim all its segments, all of them in one replay when
     * they stand at one position; the service answers HTTP only after that. A replay that fails leaves the processor at
     * the last position it stored: if it was the replay of them all, each is tried again by itself, else the processor
     * goes on by itself. Then it builds the query-only indexes that a replay from the first event dropped and did not
     * get to build ({@link DeferredIndexes}). Only projections belong in the list: processors whose handlers replay
     * from the first event, have no side effects and need no interceptor (the bulk replay runs their handlers as a
     * replay without saying so).
     */
    @Bean
    ConfigurerModule bulkReplayAtStart(
            ObjectProvider<ProjectionReplay> replay,
            ObjectProvider<DeferredIndexes> deferredIndexes,
            @Value("${vf.projection.replay.processors}") List<String> processors,
            @Value("${vf.projection.replay.threshold}") long threshold) {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> {
            catchUp(replay.getObject(), processors, threshold);
            try {
                // What a replay cut off by a crash, on this node or another, left unbuilt.
                deferredIndexes.getObject().buildAll();
            } catch (RuntimeException e) {
                logger.warn("Could not build the indexes a replay dropped; queries go on without them", e);
            }
        }));
    }

    /** Together when they stand at one position, reading the events once; else, or if that fails, each by itself. */
    private static void catchUp(ProjectionReplay replay, List<String> processors, long threshold) {
        try {
            if (processors.size() > 1 && replay.catchUp(processors, threshold)) {
                return;
            }
        } catch (RuntimeException e) {
            logger.warn("The bulk replay of processors {} failed; trying each by itself", processors, e);
        }
        for (String processor : processors) {
            try {
                replay.catchUp(List.of(processor), threshold);
            } catch (RuntimeException e) {
                logger.warn("The bulk replay of processor [{}] failed; it catches up by itself", processor, e);
            }
        }
    }
}
