package com.versionforge.token.command.notification;

import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery task for db-scheduler and the tracking processor that schedules deliveries. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Task<NotificationDelivery> notificationDeliveryTask(
            NotificationSender sender,
            NotificationDeliveryLog deliveryLog,
            NotificationProperties properties,
            Clock clock) {
        return NotificationDeliveryTask.create(sender, deliveryLog, properties.retry(), clock);
    }

    /**
     * Errors propagate, so the processor retries an event (with backoff) rather than logging it away and never
     * notifying. The operator command line sets {@code vf.event-processors.auto-start=false}: it leaves notices to
     * the running service.
     */
    @Bean
    ConfigurerModule notificationsProcessor(@Value("${vf.event-processors.auto-start:true}") boolean autoStart) {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        NotificationScheduler.PROCESSING_GROUP,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andAutoStart(autoStart))
                .registerListenerInvocationErrorHandler(
                        NotificationScheduler.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
