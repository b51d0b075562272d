package com.versionforge.token.command.usage;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.UseTokenCommand;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records passed checks in memory and turns them into {@link UseTokenCommand}s: the first use of a token in a quiet
 * spell is sent at once, later ones are counted and sent when the window is flushed, and on shutdown. However heavy
 * the traffic, a token gets about one use event per window, and its last use is never staler than a window.
 */
@Component
public class UsageRecorder {

    private static final Logger logger = LoggerFactory.getLogger(UsageRecorder.class);

    private final CommandGateway commandGateway;
    private final CheckWindows<Client> windows = new CheckWindows<>();

    UsageRecorder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Counts one passed check of {@code tokenId}; sends it at once when the token had no use in this window. */
    public void record(TokenId tokenId, Instant usedAt, String clientIp, String userAgent) {
        if (windows.add(tokenId, usedAt, new Client(clientIp, userAgent))) {
            flush(tokenId, false);
        }
    }

    /** Sends what was counted since the last flush; tokens quiet for a whole window are forgotten. */
    @Scheduled(fixedDelayString = "${vf.usage.window:60s}", initialDelayString = "${vf.usage.window:60s}")
    public void flushWindow() {
        windows.forgetQuietTokens().forEach(tokenId -> flush(tokenId, false));
    }

    /** On a graceful shutdown nothing counted is lost. */
    @PreDestroy
    void flushOnShutdown() {
        windows.tokens().forEach(tokenId -> flush(tokenId, true));
    }

    private void flush(TokenId tokenId, boolean wait) {
        CheckWindows.Pending<Client> pending = windows.drain(tokenId);
        if (pending == null) {
            return;
        }
        var command = GenericCommandMessage.asCommandMessage(new UseTokenCommand(
                        tokenId,
                        pending.count(),
                        pending.firstCheckedAt(),
                        pending.lastCheckedAt(),
                        pending.detail().ip(),
                        pending.detail().userAgent()))
                .withMetaData(MetaData.with(AuditMetadata.ACTOR, AuditMetadata.tokenActor(tokenId)));
        var result = commandGateway.send(command).exceptionally(failure -> {
            if (isRuleViolation(failure)) {
                // Revoked or expired while its uses were being counted: those uses were already refused or recorded.
                logger.debug("Dropped uses of token [{}]: it is no longer active", tokenId);
            } else {
                logger.warn("Could not record uses of token [{}]", tokenId, failure);
            }
            return null;
        });
        if (wait) {
            result.orTimeout(10, TimeUnit.SECONDS).join();
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
    private record Client(String ip, String userAgent) {}
}
