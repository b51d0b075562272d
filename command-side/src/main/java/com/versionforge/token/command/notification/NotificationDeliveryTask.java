package com.versionforge.token.command.notification;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler task that delivers one notice, retried with exponential backoff; after the last attempt the
 * delivery is recorded as failed (with an event for the audit trail), logged at ERROR and counted by the {@code notifications} health indicator.
 */
final class NotificationDeliveryTask {

    static final TaskDescriptor<NotificationDelivery> DESCRIPTOR =
            TaskDescriptor.of("notification-delivery", NotificationDelivery.class);

    private static final Logger logger = LoggerFactory.getLogger(NotificationDeliveryTask.class);
    private static final double BACKOFF_RATE = 2.0;

    private NotificationDeliveryTask() {}

    static OneTimeTask<NotificationDelivery> create(
            NotificationSender sender,
            NotificationDeliveryLog deliveryLog,
            DeliveryOutcomes outcomes,
            NotificationProperties.Retry retry,
            Clock clock) {
        FailureHandler<NotificationDelivery> retries = new FailureHandler.MaxRetriesFailureHandler<>(
                retry.maxAttempts() - 1,
                new FailureHandler.ExponentialBackoffFailureHandler<>(retry.firstDelay(), BACKOFF_RATE),
                (complete, operations) -> {
                    NotificationDelivery delivery = deliveryOf(complete);
                    outcomes.failed(delivery, clock.instant());
                    // Without the exception: its message can hold the webhook URL, whose path may be a credential.
                    logger.error(
                            "Gave up delivery [{}] of [{}] for token [{}] after [{}] attempts; recorded as failed",
                            delivery.deliveryId(),
                            delivery.kind().wireName(),
                            delivery.tokenId(),
                            retry.maxAttempts());
                });

        return Tasks.oneTime(DESCRIPTOR)
                .onFailure((complete, operations) -> {
                    NotificationDelivery delivery = deliveryOf(complete);
                    String error = errorOf(complete);
                    deliveryLog.recordFailedAttempt(delivery.deliveryId(), error);
                    logger.warn(
                            "Delivery [{}] failed after attempt [{}] with [{}]",
                            delivery.deliveryId(),
                            complete.getExecution().consecutiveFailures + 1,
                            error);
                    retries.onFailure(complete, operations);
                })
                .execute((instance, context) -> sender.deliver(instance.getData()));
    }

    private static NotificationDelivery deliveryOf(ExecutionComplete complete) {
        return (NotificationDelivery) complete.getExecution().taskInstance.getData();
    }

    private static String errorOf(ExecutionComplete complete) {
        return complete.getCause()
                .map(cause -> cause instanceof NoticeDeliveryException
                        ? cause.getMessage()
                        : cause.getClass().getName())
                .orElse("unknown");
    }
}
