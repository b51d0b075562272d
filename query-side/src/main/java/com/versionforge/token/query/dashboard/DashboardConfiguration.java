package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.projection.TenantSequencing;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock that decides which tokens are expired or expiring soon at the moment of a request, and Axon settings. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** The only source of "now" (DESIGN.md decision 11); tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Sequenced by tenant: a rotation's events concern two tokens (the old one and its successor) of one tenant, and
     * each side's handler reads what the other wrote, so both must be handled by one segment, one after the other.
     * Sequenced by token, as Axon's default, two segments could handle them in overlapping transactions, neither
     * seeing the other's row, and the link would be lost.
     */
    @Bean
    ConfigurerModule dashboardSequencing() {
        return TenantSequencing.forProcessingGroup(DashboardProjection.PROCESSING_GROUP);
    }
}
