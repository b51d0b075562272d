package com.versionforge.token.command.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_delivery} table: one row per (event, channel) that outlives its db-scheduler task, so that a
 * replayed event schedules nothing again and a delivery that ran out of attempts stays visible.
 */
@Repository
class NotificationDeliveryLog {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";

    private static final int MAX_ERROR_LENGTH = 200;

    private final JdbcClient jdbc;

    NotificationDeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a delivery as pending; false when this (event, channel) was recorded before. */
    boolean recordPending(NotificationDelivery delivery, Instant now) {
        return jdbc.sql("""
                                INSERT INTO notification_delivery (delivery_id, event_id, channel, notice, tenant_id,
                                    token_id, status, scheduled_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT (delivery_id) DO NOTHING""")
                        .param(delivery.deliveryId())
                        .param(delivery.eventId())
                        .param(delivery.channel().wireName())
                        .param(delivery.kind().wireName())
                        .param(delivery.tenantId())
                        .param(delivery.tokenId())
                        .param(PENDING)
                        .param(timestamp(now))
                        .update()
                == 1;
    }

    boolean isPending(String deliveryId) {
        return jdbc.sql("SELECT status FROM notification_delivery WHERE delivery_id = ?")
                .param(deliveryId)
                .query(String.class)
                .optional()
                .map(PENDING::equals)
                .orElse(false);
    }

    /**
     * Ends a pending delivery with {@code status}, counting its last attempt.
     *
     * @return how many attempts it took, or empty when it was no longer pending (finished by a previous run)
     */
    Optional<Integer> finish(String deliveryId, String status, Instant now) {
        return jdbc.sql("UPDATE notification_delivery SET status = ?, finished_at = ?, attempts = attempts + 1"
                        + " WHERE delivery_id = ? AND status = ? RETURNING attempts")
                .param(status)
                .param(timestamp(now))
                .param(deliveryId)
                .param(PENDING)
                .query(Integer.class)
                .optional();
    }

    /** Counts a failed attempt; {@code error} is an exception type, never a message that could hold an address. */
    void recordFailedAttempt(String deliveryId, String error) {
        jdbc.sql("UPDATE notification_delivery SET attempts = attempts + 1, last_error = ? WHERE delivery_id = ?")
                .param(error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
                .param(deliveryId)
                .update();
    }

    /**
     * Gives up a pending delivery whose attempts all failed.
     *
     * @return its attempts and last error, or empty when it was no longer pending
     */
    Optional<Failure> markFailed(String deliveryId, Instant now) {
        return jdbc.sql(
                        "UPDATE notification_delivery SET status = ?, finished_at = ? WHERE delivery_id = ? AND status = ?"
                                + " RETURNING attempts, last_error")
                .param(FAILED)
                .param(timestamp(now))
                .param(deliveryId)
                .param(PENDING)
                .query((row, number) -> new Failure(row.getInt(1), row.getString(2)))
                .optional();
    }

    /** How a delivery that was given up went: its failed attempts and the last one's error, or null. */
    record Failure(int attempts, String lastError) {}

    long countFailed() {
        return jdbc.sql("SELECT count(*) FROM notification_delivery WHERE status = ?")
                .param(FAILED)
                .query(Long.class)
                .single();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
