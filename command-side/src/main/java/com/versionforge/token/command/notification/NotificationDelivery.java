package com.versionforge.token.command.notification;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One notice to deliver over one channel: the data of its db-scheduler task. It holds what the event said; the token's
 * name, scope and last use and the tenant's recipients are read when it is delivered. No secret and no address.
 *
 * @param deliveryId {@code <event id>:<channel>}, the task's instance id, so scheduling it twice is a no-op
 * @param eventId the identifier of the event that caused the notice
 * @param channel how it is delivered
 * @param kind what it tells
 * @param tenantId the tenant
 * @param tokenId the token it is about
 * @param occurredAt when the event happened
 * @param threshold the warning threshold such as {@code 14d}, or null
 * @param reason the revocation reason, or null
 * @param actor who caused the event, or null
 */
record NotificationDelivery(
        String deliveryId,
        String eventId,
        NotificationChannel channel,
        NoticeKind kind,
        String tenantId,
        UUID tokenId,
        Instant occurredAt,
        String threshold,
        String reason,
        String actor)
        implements Serializable {

    static String idOf(String eventId, NotificationChannel channel) {
        return eventId + ":" + channel.wireName();
    }
}
