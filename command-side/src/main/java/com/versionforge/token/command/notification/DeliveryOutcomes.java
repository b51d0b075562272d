package com.versionforge.token.command.notification;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenNoticeDeliveredEvent;
import com.versionforge.token.api.TokenNoticeDeliveryFailedEvent;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a delivery in the {@code notification_delivery} table and publishes its event for the audit trail, in one
 * transaction: the row and the event are both there or neither is. Only the run that actually ends a pending delivery
 * publishes, so a delivery is recorded once however often its task runs.
 */
@Component
class DeliveryOutcomes {

    /** Deliveries are scheduled work, not anybody's request: the actor the expiry process uses too. */
    static final String ACTOR = "system";

    private final NotificationDeliveryLog deliveryLog;
    private final EventGateway eventGateway;
    private final TransactionTemplate transaction;

    DeliveryOutcomes(
            NotificationDeliveryLog deliveryLog,
            EventGateway eventGateway,
            PlatformTransactionManager transactionManager) {
        this.deliveryLog = deliveryLog;
        this.eventGateway = eventGateway;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Records that the recipient took the notice.
     *
     * @param recipientCount how many addresses an e-mail went to; 1 for a webhook
     * @param webhookOrigin the webhook's origin, or null for an e-mail
     */
    void delivered(NotificationDelivery delivery, int recipientCount, String webhookOrigin, Instant now) {
        transaction.executeWithoutResult(status -> deliveryLog
                .finish(delivery.deliveryId(), NotificationDeliveryLog.DELIVERED, now)
                .ifPresent(attempts -> publish(new TokenNoticeDeliveredEvent(
                        new TokenId(delivery.tokenId()),
                        new TenantId(delivery.tenantId()),
                        delivery.kind().wireName(),
                        delivery.channel().wireName(),
                        delivery.threshold(),
                        recipientCount,
                        webhookOrigin,
                        attempts,
                        now))));
    }

    /** Records that the last attempt failed and nobody will retry. */
    void failed(NotificationDelivery delivery, Instant now) {
        transaction.executeWithoutResult(status -> {
            Optional<NotificationDeliveryLog.Failure> failure = deliveryLog.markFailed(delivery.deliveryId(), now);
            failure.ifPresent(given -> publish(new TokenNoticeDeliveryFailedEvent(
                    new TokenId(delivery.tokenId()),
                    new TenantId(delivery.tenantId()),
                    delivery.kind().wireName(),
                    delivery.channel().wireName(),
                    delivery.threshold(),
                    given.attempts(),
                    given.lastError(),
                    now)));
        });
    }

    private void publish(Object event) {
        eventGateway.publish(
                GenericEventMessage.asEventMessage(event).andMetaData(MetaData.with(AuditMetadata.ACTOR, ACTOR)));
    }
}
