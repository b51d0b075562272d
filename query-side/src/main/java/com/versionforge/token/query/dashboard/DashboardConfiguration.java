package com.versionforge.token.query.dashboard;

import com.versionforge.token.query.projection.QueryOnlyIndexes;
import com.versionforge.token.query.projection.TenantSequencing;
import java.time.Clock;
import java.util.List;
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
     * The indexes of the dashboard's sorted pages, which a bulk replay from the first event builds at its end: the
     * projection itself reads rows by token id and by {@code rotated_to}.
     */
    @Bean
    QueryOnlyIndexes dashboardQueryOnlyIndexes() {
        return new QueryOnlyIndexes(
                DashboardProjection.PROCESSING_GROUP,
                List.of(
                        "token_dashboard_created",
                        "token_dashboard_expires",
                        "token_dashboard_last_used",
                        "token_dashboard_name"));
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
