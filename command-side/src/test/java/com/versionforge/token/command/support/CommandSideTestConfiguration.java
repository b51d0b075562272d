package com.versionforge.token.command.support;

import com.versionforge.token.command.token.TokenCommands;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the application clock with a {@link MutableClock} and adds the {@link TokenIssuer}. Deliberately not
 * annotated: it lies under the application's component scan, and a context started from the test class path without
 * Spring's test filters (the bootstrap command's, or a hand-built one) must not pick it up unasked.
 */
public class CommandSideTestConfiguration {

    /** Where every test's clock starts: a fixed instant, so that dates in request bodies are fixed too. */
    public static final Instant START = Instant.parse("2026-12-03T10:15:30Z");

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(START);
    }

    @Bean
    TokenIssuer tokenIssuer(TokenCommands commands, MutableClock clock) {
        return new TokenIssuer(commands, clock);
    }
}
