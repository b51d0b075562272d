package com.versionforge.token.command.expiry;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.ExpireTokenCommand;
import com.versionforge.token.api.ExpiryWarningThreshold;
import com.versionforge.token.api.IssueExpiryWarningCommand;
import com.versionforge.token.api.RevokeTokenCommand;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenCreatedEvent;
import com.versionforge.token.api.TokenExpiredEvent;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRevokedEvent;
import com.versionforge.token.api.TokenRotatedEvent;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.command.scheduling.ConditionalOnScheduler;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a token's expiry loud: it warns 14 and 3 days ahead, marks the token expired at its instant, and revokes a
 * rotated token when its grace period ends. Every deadline is persistent (db-scheduler), so it survives restarts and
 * fires once across nodes. The process ends when the token is revoked or expired, cancelling what is still pending.
 *
 * <p>State is only the ids and the schedule ids of pending deadlines, serialised as JSON; the deadline manager and the
 * command gateway come in as handler parameters.
 */
@Saga
@ConditionalOnScheduler
@ProcessingGroup(TokenExpirySaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class TokenExpirySaga {

    /** The tracking processor of this saga. */
    public static final String PROCESSING_GROUP = "token-expiry";

    static final String TOKEN_ID_ASSOCIATION = "tokenId";
    static final String WARNING_DEADLINE = "token-expiry-warning";
    static final String EXPIRY_DEADLINE = "token-expiry";
    static final String GRACE_DEADLINE = "token-rotation-grace-end";

    /** The actor of the commands this process sends, as the audit trail shows it. */
    static final String SYSTEM_ACTOR = "system";

    /** The revocation reason at the end of a rotation's grace period. */
    static final String ROTATED_REASON = "rotated";

    private static final Logger logger = LoggerFactory.getLogger(TokenExpirySaga.class);

    private TokenId tokenId;
    private TenantId tenantId;

    /** The schedule ids of the deadlines that have not fired yet, by {@link #warningKey} or deadline name. */
    private Map<String, String> pendingDeadlines = new HashMap<>();

    @StartSaga
    @SagaEventHandler(associationProperty = TOKEN_ID_ASSOCIATION)
    void on(TokenCreatedEvent event, DeadlineManager deadlineManager) {
        tokenId = event.tokenId();
        tenantId = event.tenantId();

        for (ExpiryWarningThreshold threshold : ExpiryWarningThreshold.values()) {
            Instant dueAt = threshold.dueAt(event.expiresAt());
            // Measured against the creation, not the clock: a warning that was due when the token was made is never
            // sent, neither at once nor after a delay in processing.
            if (dueAt.isAfter(event.createdAt())) {
                String scheduleId = deadlineManager.schedule(dueAt, WARNING_DEADLINE, threshold.wireName());
                pendingDeadlines.put(warningKey(threshold.wireName()), scheduleId);
            }
        }
        pendingDeadlines.put(
                EXPIRY_DEADLINE, deadlineManager.schedule(event.expiresAt(), EXPIRY_DEADLINE, event.expiresAt()));
        logger.info(
                "Expiry of token [{}] scheduled for [{}] with [{}] warnings",
                tokenId,
                event.expiresAt(),
                pendingDeadlines.size() - 1);
    }

    /**
     * The old token's warnings would only ask the admin to do what was just done, so they are dropped; its expiry
     * stays, and a grace period becomes one more deadline.
     */
    @SagaEventHandler(associationProperty = TOKEN_ID_ASSOCIATION)
    void on(TokenRotatedEvent event, DeadlineManager deadlineManager) {
        for (ExpiryWarningThreshold threshold : ExpiryWarningThreshold.values()) {
            cancel(warningKey(threshold.wireName()), deadlineManager);
        }
        if (event.graceEndsAt() != null) {
            pendingDeadlines.put(
                    GRACE_DEADLINE, deadlineManager.schedule(event.graceEndsAt(), GRACE_DEADLINE, event.graceEndsAt()));
            logger.info("Token [{}] rotated; revocation scheduled for [{}]", tokenId, event.graceEndsAt());
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TOKEN_ID_ASSOCIATION)
    void on(TokenRevokedEvent event, DeadlineManager deadlineManager) {
        cancelPending(deadlineManager);
        logger.info("Expiry process of token [{}] ended: revoked", tokenId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TOKEN_ID_ASSOCIATION)
    void on(TokenExpiredEvent event, DeadlineManager deadlineManager) {
        cancelPending(deadlineManager);
        logger.info("Expiry process of token [{}] ended: expired", tokenId);
    }

    // Each deadline carries a payload because Axon takes a handler's first parameter as the payload.
    @DeadlineHandler(deadlineName = WARNING_DEADLINE)
    void onWarningDue(String threshold, CommandGateway commandGateway) {
        pendingDeadlines.remove(warningKey(threshold));
        logger.info("Expiry warning [{}] of token [{}] is due", threshold, tokenId);
        send(new IssueExpiryWarningCommand(tokenId, threshold), commandGateway);
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void onExpiryDue(Instant expiresAt, CommandGateway commandGateway) {
        pendingDeadlines.remove(EXPIRY_DEADLINE);
        logger.info("Token [{}] reached its expiry instant [{}]", tokenId, expiresAt);
        send(new ExpireTokenCommand(tokenId), commandGateway);
    }

    @DeadlineHandler(deadlineName = GRACE_DEADLINE)
    void onGraceEnded(Instant graceEndsAt, CommandGateway commandGateway) {
        pendingDeadlines.remove(GRACE_DEADLINE);
        logger.info("Grace period of rotated token [{}] ended at [{}]", tokenId, graceEndsAt);
        send(new RevokeTokenCommand(tokenId, tenantId, ROTATED_REASON), commandGateway);
    }

    /** Cancels what has not fired; a deadline that fired meanwhile is a no-op to cancel. */
    private void cancelPending(DeadlineManager deadlineManager) {
        pendingDeadlines.forEach((key, scheduleId) -> deadlineManager.cancelSchedule(deadlineName(key), scheduleId));
        pendingDeadlines.clear();
    }

    private void cancel(String key, DeadlineManager deadlineManager) {
        String scheduleId = pendingDeadlines.remove(key);
        if (scheduleId != null) {
            deadlineManager.cancelSchedule(deadlineName(key), scheduleId);
        }
    }

    /**
     * Sends a command of the expiry process and waits for it. A refusal by a token rule is expected (the token was
     * revoked just before its deadline fired, and the saga ends right after) and only logged; any other failure
     * propagates, so that the deadline fails and db-scheduler runs it again.
     */
    private void send(Object command, CommandGateway commandGateway) {
        try {
            commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(AuditMetadata.ACTOR, SYSTEM_ACTOR)));
        } catch (TokenRuleViolationException refused) {
            logger.warn(
                    "[{}] for token [{}] was refused: [{}]",
                    command.getClass().getSimpleName(),
                    tokenId,
                    refused.errorCode().code());
        }
    }

    private static String warningKey(String threshold) {
        return WARNING_DEADLINE + ":" + threshold;
    }

    private static String deadlineName(String key) {
        int separator = key.indexOf(':');
        return separator < 0 ? key : key.substring(0, separator);
    }
}
