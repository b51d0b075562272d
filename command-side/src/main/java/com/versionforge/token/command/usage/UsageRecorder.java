package com.versionforge.token.command.usage;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.api.UseTokenCommand;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records passed checks in memory and turns them into {@link UseTokenCommand}s: the first use of a token in a quiet
 * spell is sent at once, later ones are counted and sent when the window is flushed, and on shutdown. However heavy
 * the traffic, a token gets about one use event per window, and its last use is never staler than a window.
 */
@Component
public class UsageRecorder implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(UsageRecorder.class);

    private final CommandGateway commandGateway;
    /**
     * Stopped after the web server (phase {@code Integer.MAX_VALUE - 2048}), so no check passes after the last flush,
     * and before Axon (phase {@code Integer.MAX_VALUE - 3072}), whose command handlers must still be subscribed. A
     * {@code @PreDestroy} flush would come too late: Axon has unsubscribed them by then.
     */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private final CheckWindows<Client> windows = new CheckWindows<>();
    private volatile boolean running;

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

    @Override
    public void start() {
        running = true;
    }

    /** On a graceful shutdown nothing counted is lost. */
    @Override
    public void stop() {
        running = false;
        windows.tokens().forEach(tokenId -> flush(tokenId, true));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
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
