package com.versionforge.token.query.projection;

import com.versionforge.token.api.TenantEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.PropertySequencingPolicy;

/**
 * Sequences a projection's events by tenant, not by token (Axon's default): however many segments the processor has,
 * all of a tenant's events go to one segment, which handles them one after the other in the order of the event store.
 * A projection whose handlers read what another token's event wrote (a rotation links the old token and its
 * successor; the audit trail chains a tenant's entries) sees every such write of the same tenant before its own.
 */
public final class TenantSequencing {

    /** The sequence of an event of no tenant (there is none today): one fixed segment, the same on every node. */
    private static final String NO_TENANT = "";

    private TenantSequencing() {}

    /**
     * Registers the policy for {@code processingGroup}. The tenant id's text is the sequence identifier because a
     * String's hash code, which picks the segment, is the same on every node and JVM.
     */
    public static ConfigurerModule forProcessingGroup(String processingGroup) {
        return configurer -> configurer
                .eventProcessing()
                .registerSequencingPolicy(
                        processingGroup,
                        configuration -> PropertySequencingPolicy.builder(TenantEvent.class, String.class)
                                .propertyExtractor(event -> event.tenantId().value())
                                .fallbackSequencingPolicy(event -> NO_TENANT)
                                .build());
    }
}
