package com.versionforge.token.command.notification;

import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.command.credential.Credential;
import com.versionforge.token.command.credential.CredentialRepository;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one notice over one channel, as the db-scheduler task runs it. A delivery that is no longer pending
 * (delivered before a crash, say) is not sent again; a failure is thrown so that the task's failure handler retries.
 */
@Component
class NotificationSender {

    private static final Logger logger = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationDeliveryLog deliveryLog;
    private final NotificationSettingsRepository settingsRepository;
    private final CredentialRepository credentials;
    private final MailNotifier mailNotifier;
    private final WebhookNotifier webhookNotifier;
    private final DeliveryOutcomes outcomes;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationSender(
            NotificationDeliveryLog deliveryLog,
            NotificationSettingsRepository settingsRepository,
            CredentialRepository credentials,
            MailNotifier mailNotifier,
            WebhookNotifier webhookNotifier,
            DeliveryOutcomes outcomes,
            NotificationProperties properties,
            Clock clock) {
        this.deliveryLog = deliveryLog;
        this.settingsRepository = settingsRepository;
        this.credentials = credentials;
        this.mailNotifier = mailNotifier;
        this.webhookNotifier = webhookNotifier;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    void deliver(NotificationDelivery delivery) {
        if (!deliveryLog.isPending(delivery.deliveryId())) {
            logger.debug("Delivery [{}] is no longer pending", delivery.deliveryId());
            return;
        }
        TenantId tenantId = new TenantId(delivery.tenantId());
        TokenId tokenId = new TokenId(delivery.tokenId());
        Optional<Credential> token = credentials.findInTenant(tokenId, tenantId);
        NotificationSettings settings =
                settingsRepository.find(tenantId).orElseGet(() -> NotificationSettings.none(tenantId));
        if (token.isEmpty()) {
            skip(delivery, "the token is unknown");
            return;
        }
        TokenNotice notice = new TokenNotice(
                delivery,
                token.get(),
                credentials.lastUsedAt(tokenId).orElse(null),
                credentials.rotationOf(tokenId).rotatedTo(),
                properties.publicUrl());

        switch (delivery.channel()) {
            case EMAIL -> {
                if (settings.adminEmails().isEmpty() || !mailNotifier.isConfigured()) {
                    skip(delivery, "no admin e-mail address or no SMTP server is configured any more");
                    return;
                }
                mailNotifier.send(settings.adminEmails(), notice);
                outcomes.delivered(delivery, settings.adminEmails().size(), null, clock.instant());
            }
            case WEBHOOK -> {
                Optional<WebhookSigningSecret> secret = settingsRepository.webhookSecret(tenantId);
                if (settings.webhookUrl() == null || secret.isEmpty()) {
                    skip(delivery, "the tenant has no webhook any more");
                    return;
                }
                webhookNotifier.send(settings.webhookUrl(), secret.get(), notice);
                outcomes.delivered(delivery, 1, WebhookUrl.origin(settings.webhookUrl()), clock.instant());
            }
        }
        logger.info(
                "Delivered [{}] of token [{}] by [{}]",
                delivery.kind().wireName(),
                tokenId,
                delivery.channel().wireName());
    }

    private void skip(NotificationDelivery delivery, String why) {
        deliveryLog.finish(delivery.deliveryId(), NotificationDeliveryLog.SKIPPED, clock.instant());
        logger.info("Skipped delivery [{}]: {}", delivery.deliveryId(), why);
    }
}
