package com.versionforge.token.command.axon;

import com.versionforge.token.api.AuditMetadata;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
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
}
