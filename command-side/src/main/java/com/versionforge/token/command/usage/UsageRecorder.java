package com.versionforge.token.command.usage;

import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.UseTokenCommand;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records passed checks in memory and turns them into {@link UseTokenCommand}s: the first use of a token in a quiet
 * spell is sent at once, later ones are counted and sent when the window is flushed, and on shutdown. However heavy
 * the traffic, a token gets about one use event per window, and its last use is never staler than a window.
 */
@Component
public class UsageRecorder extends CoalescedCheckRecorder<UsageRecorder.Client> {

    private static final Logger logger = LoggerFactory.getLogger(UsageRecorder.class);

    UsageRecorder(CommandGateway commandGateway) {
        super(commandGateway);
    }

    /** Counts one passed check of {@code tokenId}; sends it at once when the token had no use in this window. */
    public void record(TokenId tokenId, Instant usedAt, String clientIp, String userAgent) {
        count(tokenId, usedAt, new Client(clientIp, userAgent));
    }

    @Override
    Object commandFor(TokenId tokenId, CheckWindows.Pending<Client> pending) {
        return new UseTokenCommand(
                tokenId,
                pending.count(),
                pending.firstCheckedAt(),
                pending.lastCheckedAt(),
                pending.detail().ip(),
                pending.detail().userAgent());
    }

    @Override
    void failed(TokenId tokenId, Throwable failure) {
        if (isRuleViolation(failure)) {
            // Revoked or expired while its uses were being counted: those uses were already refused or recorded.
            logger.debug("Dropped uses of token [{}]: it is no longer active", tokenId);
        } else {
            logger.warn("Could not record uses of token [{}]", tokenId, failure);
        }
    }

    private static boolean isRuleViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TokenRuleViolationException) {
                return true;
            }
        }
        return false;
    }

    /** What is kept of the last passed check of a window. */
    record Client(String ip, String userAgent) {}
}
