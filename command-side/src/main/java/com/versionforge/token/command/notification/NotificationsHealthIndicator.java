package com.versionforge.token.command.notification;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code notifications} health component: {@code DEGRADED} while deliveries that ran out of attempts exist,
 * with their count. {@code DEGRADED} is deliberately not in the status order, so it shows on this component without
 * turning the whole service unhealthy: one tenant's broken webhook must not take a node out of rotation.
 */
@Component
class NotificationsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Some notices could not be delivered");

    private final NotificationDeliveryLog deliveryLog;

    NotificationsHealthIndicator(NotificationDeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
    }

    @Override
    public Health health() {
        long failed = deliveryLog.countFailed();
        Health.Builder health = failed == 0
                ? Health.up()
                : Health.status(new Status(
                        DEGRADED.getCode(),
                        failed + " notice deliveries failed after every retry; see the notification_delivery table"));
        return health.withDetail("failedDeliveries", failed).build();
    }
}
