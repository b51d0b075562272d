package com.versionforge.token.command.notification;

import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery task for db-scheduler and the tracking processor that schedules deliveries. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Task<NotificationDelivery> notificationDeliveryTask(
            NotificationSender sender,
            NotificationDeliveryLog deliveryLog,
            DeliveryOutcomes outcomes,
            NotificationProperties properties,
            Clock clock) {
        return NotificationDeliveryTask.create(sender, deliveryLog, outcomes, properties.retry(), clock);
    }

    /**
     * Errors propagate, so the processor retries an event (with backoff) rather than logging it away and never
     * notifying.
     */
    @Bean
    ConfigurerModule notificationsProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        NotificationScheduler.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
