package com.versionforge.token.command.notification;

import com.versionforge.token.api.NotificationSettingsChangedEvent;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.command.web.RequestMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes where a tenant's notices go. The settings row and a {@link NotificationSettingsChangedEvent} for the audit
 * trail commit in one transaction. Settings are a per-tenant document whose last write wins and whose rules never
 * depend on their history, so they need no aggregate: the table is what deliveries read, the event is the record of
 * who changed what.
 */
@Service
class NotificationSettingsService {

    private static final Logger logger = LoggerFactory.getLogger(NotificationSettingsService.class);

    private final NotificationSettingsRepository repository;
    private final EventGateway eventGateway;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final WebhookAddresses webhookAddresses;

    NotificationSettingsService(
            NotificationSettingsRepository repository,
            EventGateway eventGateway,
            PlatformTransactionManager transactionManager,
            Clock clock,
            WebhookAddresses webhookAddresses) {
        this.repository = repository;
        this.eventGateway = eventGateway;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.webhookAddresses = webhookAddresses;
    }

    /** A change and, when the webhook URL was set or changed, the new signing secret, shown this once. */
    record Change(NotificationSettings settings, WebhookSigningSecret issuedSecret) {}

    NotificationSettings find(TenantId tenantId) {
        return repository.find(tenantId).orElseGet(() -> NotificationSettings.none(tenantId));
    }

    /**
     * Replaces the tenant's settings. A new signing secret is issued when the webhook URL is set or changed; it is
     * kept while the URL stays the same and dropped with the URL.
     *
     * @throws com.versionforge.token.command.web.InvalidRequestException when an address or the URL is invalid
     */
    Change change(TenantId tenantId, List<String> adminEmails, String webhookUrl, RequestMetadata metadata) {
        List<String> addresses = AdminEmails.parse(adminEmails);
        String url = WebhookUrl.parse(webhookUrl);
        webhookAddresses.checkLiteral(url);

        Change change = transaction.execute(status -> {
            repository.lock(tenantId);
            NotificationSettings current = find(tenantId);
            // Microseconds, as PostgreSQL keeps them, so that this answer and a later read agree.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            boolean urlKept = url != null && url.equals(current.webhookUrl());
            WebhookSigningSecret secret = url == null
                    ? null
                    : urlKept ? repository.webhookSecret(tenantId).orElseThrow() : WebhookSigningSecret.generate();
            Instant secretIssuedAt = url == null ? null : urlKept ? current.webhookSecretIssuedAt() : now;
            NotificationSettings changed =
                    new NotificationSettings(tenantId, addresses, url, secretIssuedAt, now, metadata.actor());

            repository.save(changed, secret);
            eventGateway.publish(GenericEventMessage.asEventMessage(new NotificationSettingsChangedEvent(
                            tenantId, addresses, WebhookUrl.origin(url), url != null && !urlKept, now))
                    .andMetaData(metadata.asMetaData()));
            return new Change(changed, url != null && !urlKept ? secret : null);
        });

        Objects.requireNonNull(change, "change");
        logger.info(
                "Notification settings of tenant [{}] changed: [{}] e-mail addresses, webhook [{}]",
                tenantId,
                addresses.size(),
                url == null ? "none" : change.issuedSecret() != null ? "set, new signing secret" : "kept");
        return change;
    }
}
