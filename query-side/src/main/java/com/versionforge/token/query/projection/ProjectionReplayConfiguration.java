package com.versionforge.token.query.projection;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs a bulk replay at start for every projection that is far behind the head of the event store. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class ProjectionReplayConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(ProjectionReplayConfiguration.class);

    /**
     * Just before Axon starts the processors, brings each tracking processor at least {@code threshold} events behind
     * the head up to it in bulk, if this node can claim all its segments. A replay that fails leaves the processor at
     * the last page it committed, from where the processor goes on by itself.
     */
    @Bean
    ConfigurerModule bulkReplayAtStart(
            ObjectProvider<ProjectionReplay> replay, @Value("${vf.projection.replay.threshold}") long threshold) {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> {
            List<String> processors = axon.eventProcessingConfiguration().eventProcessors().values().stream()
                    .filter(TrackingEventProcessor.class::isInstance)
                    .map(processor -> processor.getName())
                    .toList();
            for (String processor : processors) {
                try {
                    replay.getObject().catchUp(List.of(processor), threshold);
                } catch (RuntimeException e) {
                    logger.warn("The bulk replay of processor [{}] failed; it catches up by itself", processor, e);
                }
            }
        }));
    }
}
