package com.versionforge.token.command.scheduling;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** db-scheduler runs the saga's deadlines and the notification deliveries on the service's one clock. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /**
     * db-scheduler asks this clock whether a task is due, so a deadline computed from an event's time fires by the
     * same clock that stamped the event (DESIGN.md decision 11), and a test that moves the clock moves both.
     */
    @Bean
    com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
        return clock::instant;
    }
}
