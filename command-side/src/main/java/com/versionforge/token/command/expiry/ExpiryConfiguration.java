package com.versionforge.token.command.expiry;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the expiry saga's tracking processor runs. */
@Configuration(proxyBeanMethods = false)
class ExpiryConfiguration {

    /**
     * Starts at the beginning of the event stream rather than at its head (Axon's default for sagas), so that tokens
     * created before the processor first ran, such as a bootstrap admin token issued before the first start, get
     * their expiry process too. Errors are propagated so that the processor retries an event instead of skipping a
     * token's deadlines.
     */
    @Bean
    ConfigurerModule tokenExpiryProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        TokenExpirySaga.PROCESSING_GROUP,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(
                        TokenExpirySaga.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
