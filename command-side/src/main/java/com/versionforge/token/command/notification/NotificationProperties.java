package com.versionforge.token.command.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices are delivered.
 *
 * @param mailFrom the sender of notice e-mails
 * @param publicUrl the address of this service as admins reach it, used in the rotation instructions of a notice
 * @param webhookTimeout how long a webhook receiver may take to connect and to answer
 * @param retry how failed deliveries are retried
 * @param webhook which addresses webhooks may reach
 */
@ConfigurationProperties("vf.notifications")
public record NotificationProperties(
        @DefaultValue("VersionForge Tokens <tokens@versionforge.local>")
        String mailFrom,

        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue Retry retry,
        @DefaultValue Webhook webhook) {

    /**
     * Where webhooks may go.
     *
     * @param allowPrivateAddresses whether a webhook may reach loopback, private and link-local addresses: for local
     *     demos and tests only, since it lets whoever sets a tenant's webhook make this service call its own network
     */
    public record Webhook(@DefaultValue("false") boolean allowPrivateAddresses) {}

    /**
     * Exponential backoff: the n-th retry waits {@code firstDelay * 2^(n-1)}.
     *
     * @param firstDelay the wait before the first retry
     * @param maxAttempts the attempts, the first one included, before a delivery is recorded as failed
     */
    public record Retry(
            @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("8") int maxAttempts) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("vf.notifications.retry.max-attempts is at least 1");
            }
        }
    }
}
