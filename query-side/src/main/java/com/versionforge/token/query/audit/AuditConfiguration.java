package com.versionforge.token.query.audit;

import com.versionforge.token.query.projection.QueryOnlyIndexes;
import com.versionforge.token.query.projection.TenantSequencing;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
     * The index of one token's entries, which a bulk replay from the first event builds at its end: the projection
     * itself reads entries by their primary key, (tenant_id, id).
     */
    @Bean
    QueryOnlyIndexes auditQueryOnlyIndexes() {
        return new QueryOnlyIndexes(AuditProjection.PROCESSING_GROUP, List.of("audit_event_tenant_token"));
    }

    /** Sequenced by tenant, so that each tenant's hash chain follows the order of the event store. */
    @Bean
    ConfigurerModule auditSequencing() {
        return TenantSequencing.forProcessingGroup(AuditProjection.PROCESSING_GROUP);
    }
}
