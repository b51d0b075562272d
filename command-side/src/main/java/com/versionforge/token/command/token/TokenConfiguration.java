package com.versionforge.token.command.token;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock and the lifetime rules of this deployment. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /** The only source of "now" (DESIGN.md decision 11); tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenLifetimePolicy tokenLifetimePolicy(
            Clock clock, @Value("${vf.tokens.maximum-lifetime:366d}") Duration maximumLifetime) {
        return new TokenLifetimePolicy(clock, maximumLifetime);
    }
}
