package com.versionforge.token.command.usage;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.RecordRefusedUseCommand;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
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
 * Records checks refused because the token is revoked or expired, coalesced per token and window like uses, and turns
 * them into {@link RecordRefusedUseCommand}s: something that still calls with a dead token shows in the audit trail
 * within a window, however often it calls.
 */
@Component
public class RefusedUseRecorder implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(RefusedUseRecorder.class);

    /**
     * Stopped after the web server (phase {@code Integer.MAX_VALUE - 2048}), so no check is refused after the last
     * flush, and before Axon (phase {@code Integer.MAX_VALUE - 3072}), whose command handlers must still be subscribed.
     */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private final CommandGateway commandGateway;
    private final CheckWindows<Refusal> windows = new CheckWindows<>();
    private volatile boolean running;

    RefusedUseRecorder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * Counts one check of {@code tokenId} refused for {@code status}; sends it at once when the token had no refusal
     * in this window.
     *
     * @param status {@link TokenStatus#REVOKED} or {@link TokenStatus#EXPIRED}
     * @param clientIp where the request came from, or null when unknown
     */
    public void record(TokenId tokenId, TokenStatus status, Instant refusedAt, String clientIp) {
        if (windows.add(tokenId, refusedAt, new Refusal(status, clientIp))) {
            flush(tokenId, false);
        }
    }

    /** Sends what was counted since the last flush; tokens not presented for a whole window are forgotten. */
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
        CheckWindows.Pending<Refusal> pending = windows.drain(tokenId);
        if (pending == null) {
            return;
        }
        var command = GenericCommandMessage.asCommandMessage(new RecordRefusedUseCommand(
                        tokenId,
                        pending.detail().status(),
                        pending.count(),
                        pending.firstCheckedAt(),
                        pending.lastCheckedAt(),
                        pending.detail().clientIp()))
                .withMetaData(MetaData.with(AuditMetadata.ACTOR, AuditMetadata.tokenActor(tokenId)));
        var result = commandGateway.send(command).exceptionally(failure -> {
            logger.warn("Could not record refused uses of token [{}]", tokenId, failure);
            return null;
        });
        if (wait) {
            result.orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** What is kept of the last refused check of a window. */
    private record Refusal(TokenStatus status, String clientIp) {}
}
