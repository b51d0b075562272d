package com.versionforge.token.command.usage;

import com.versionforge.token.api.AuditMetadata;
import com.versionforge.token.api.TokenId;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Counts checks of tokens in memory, per token and window, and sends each token's count as one command: the first
 * check of a quiet spell at once, later ones when the window is flushed, and whatever is left on shutdown.
 *
 * @param <D> what is kept of the last check of a window
 */
abstract class CoalescedCheckRecorder<D> implements SmartLifecycle {

    /**
     * Stopped after the web server (phase {@code Integer.MAX_VALUE - 2048}), so no check is counted after the last
     * flush, and before Axon (phase {@code Integer.MAX_VALUE - 3072}), whose command handlers must still be subscribed.
     * A {@code @PreDestroy} flush would come too late: Axon has unsubscribed them by then.
     */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private final CommandGateway commandGateway;
    private final CheckWindows<D> windows = new CheckWindows<>();
    private volatile boolean running;

    CoalescedCheckRecorder(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** The command that records one token's checks of a window. */
    abstract Object commandFor(TokenId tokenId, CheckWindows.Pending<D> pending);

    /** Reports a command that could not be sent or was refused; the counted checks are dropped. */
    abstract void failed(TokenId tokenId, Throwable failure);

    /** Counts one check; sends it at once when the token had none in this window. */
    final void count(TokenId tokenId, Instant checkedAt, D detail) {
        if (windows.add(tokenId, checkedAt, detail)) {
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
        CheckWindows.Pending<D> pending = windows.drain(tokenId);
        if (pending == null) {
            return;
        }
        var command = GenericCommandMessage.asCommandMessage(commandFor(tokenId, pending))
                .withMetaData(MetaData.with(AuditMetadata.ACTOR, AuditMetadata.tokenActor(tokenId)));
        var result = commandGateway.send(command).exceptionally(failure -> {
            failed(tokenId, failure);
            return null;
        });
        if (wait) {
            result.orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
