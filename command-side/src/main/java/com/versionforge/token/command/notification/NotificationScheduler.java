package com.versionforge.token.command.notification;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenExpiryWarningIssuedEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.command.scheduling.ConditionalOnScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns token events into deliveries, one per channel the tenant has set up. It runs in the {@value #PROCESSING_GROUP}
 * tracking processor, which is never reset: the delivery row and the db-scheduler task are written in the transaction
 * that advances the processor's token, and the row's key {@code <event id>:<channel>} makes a second handling of the
 * same event (a retried batch, for instance) schedule nothing. Replays are disallowed, so the processor refuses a
 * reset: resending a year of notices is never what anyone wants.
 */
@Component
@DisallowReplay
@ProcessingGroup(NotificationScheduler.PROCESSING_GROUP)
@ConditionalOnScheduler
class NotificationScheduler {

    static final String PROCESSING_GROUP = "notifications";

    private static final Logger logger = LoggerFactory.getLogger(NotificationScheduler.class);

    private final NotificationSettingsRepository settingsRepository;
    private final NotificationDeliveryLog deliveryLog;
    private final SchedulerClient scheduler;
    private final MailNotifier mailNotifier;
    private final Clock clock;

    NotificationScheduler(
            NotificationSettingsRepository settingsRepository,
            NotificationDeliveryLog deliveryLog,
            SchedulerClient scheduler,
            MailNotifier mailNotifier,
            Clock clock) {
        this.settingsRepository = settingsRepository;
        this.deliveryLog = deliveryLog;
        this.scheduler = scheduler;
        this.mailNotifier = mailNotifier;
        this.clock = clock;
    }

    @EventHandler
    void on(TokenExpiryWarningIssuedEvent event, @MessageIdentifier String eventId) {
        schedule(
                eventId,
                NoticeKind.EXPIRY_WARNING,
                event.tenantId(),
                event.tokenId(),
                event.issuedAt(),
                event.threshold(),
                null,
                null);
    }

    @EventHandler
    void on(TokenExpiredEvent event, @MessageIdentifier String eventId) {
        schedule(eventId, NoticeKind.EXPIRED, event.tenantId(), event.tokenId(), event.expiredAt(), null, null, null);
    }

    @EventHandler
    void on(
            TokenRevokedEvent event,
            @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        schedule(
                eventId,
                NoticeKind.REVOKED,
                event.tenantId(),
                event.tokenId(),
                event.revokedAt(),
                null,
                event.reason(),
                actor);
    }

    private void schedule(
            String eventId,
            NoticeKind kind,
            TenantId tenantId,
            TokenId tokenId,
            Instant occurredAt,
            String threshold,
            String reason,
            String actor) {
        Instant now = clock.instant();
        for (NotificationChannel channel : channelsOf(tenantId, tokenId)) {
            NotificationDelivery delivery = new NotificationDelivery(
                    NotificationDelivery.idOf(eventId, channel),
                    eventId,
                    channel,
                    kind,
                    tenantId.value(),
                    tokenId.value(),
                    occurredAt,
                    threshold,
                    reason,
                    actor);
            if (deliveryLog.recordPending(delivery, now)) {
                scheduler.scheduleIfNotExists(NotificationDeliveryTask.DESCRIPTOR
                        .instance(delivery.deliveryId())
                        .data(delivery)
                        .scheduledTo(now));
                logger.debug("Scheduled delivery [{}]", delivery.deliveryId());
            }
        }
    }

    private List<NotificationChannel> channelsOf(TenantId tenantId, TokenId tokenId) {
        List<NotificationChannel> channels = new ArrayList<>();
        settingsRepository.find(tenantId).ifPresent(settings -> {
            if (!settings.adminEmails().isEmpty()) {
                if (mailNotifier.isConfigured()) {
                    channels.add(NotificationChannel.EMAIL);
                } else {
                    logger.info("No e-mail about token [{}]: no SMTP server configured (spring.mail.host)", tokenId);
                }
            }
            if (settings.webhookUrl() != null) {
                channels.add(NotificationChannel.WEBHOOK);
            }
        });
        return channels;
    }
}
