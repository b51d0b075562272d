package com.versionforge.token.query.dashboard;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock that decides which tokens are expired or expiring soon at the moment of a request. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** The only source of "now" (DESIGN.md decision 11); tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
