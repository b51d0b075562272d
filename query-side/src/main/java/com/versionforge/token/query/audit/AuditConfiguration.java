package com.versionforge.token.query.audit;

import com.versionforge.token.api.TenantEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.PropertySequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings of the audit projection that properties cannot express. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * A failing audit handler stops the processor, which retries the batch, instead of Axon's default of logging the
     * failure and moving on: a skipped event would leave a hole in the trail that nobody could tell from tampering.
     */
    @Bean
    ConfigurerModule auditErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        AuditProjection.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Events are sequenced by tenant, not by token (Axon's default): however many segments the processor has, all of a
     * tenant's events go to one segment, which handles them one after the other in the order of the event store, so
     * each tenant's hash chain follows that order. Tenants are independent chains, so segments never share one. An
     * event of no tenant (there is none today) would go to one fixed segment. The tenant id's text is the sequence
     * identifier because a String's hash code, which picks the segment, is the same on every node and JVM.
     */
    @Bean
    ConfigurerModule auditSequencing() {
        return configurer -> configurer
                .eventProcessing()
                .registerSequencingPolicy(
                        AuditProjection.PROCESSING_GROUP,
                        configuration -> PropertySequencingPolicy.builder(TenantEvent.class, String.class)
                                .propertyExtractor(event -> event.tenantId().value())
                                .fallbackSequencingPolicy(new SequentialPolicy()::getSequenceIdentifierFor)
                                .build());
    }
}
