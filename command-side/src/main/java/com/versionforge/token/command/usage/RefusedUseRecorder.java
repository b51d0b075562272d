package com.versionforge.token.command.usage;

import com.versionforge.token.api.RecordRefusedUseCommand;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records checks refused because the token is revoked or expired, coalesced per token and window like uses, and turns
 * them into {@link RecordRefusedUseCommand}s: something that still calls with a dead token shows in the audit trail
 * within a window, however often it calls.
 */
@Component
public class RefusedUseRecorder extends CoalescedCheckRecorder<RefusedUseRecorder.Refusal> {

    private static final Logger logger = LoggerFactory.getLogger(RefusedUseRecorder.class);

    RefusedUseRecorder(CommandGateway commandGateway) {
        super(commandGateway);
    }

    /**
     * Counts one check of {@code tokenId} refused for {@code status}; sends it at once when the token had no refusal
     * in this window.
     *
     * @param status {@link TokenStatus#REVOKED} or {@link TokenStatus#EXPIRED}
     * @param clientIp where the request came from, or null when unknown
     */
    public void record(TokenId tokenId, TokenStatus status, Instant refusedAt, String clientIp) {
        count(tokenId, refusedAt, new Refusal(status, clientIp));
    }

    @Override
    Object commandFor(TokenId tokenId, CheckWindows.Pending<Refusal> pending) {
        return new RecordRefusedUseCommand(
                tokenId,
                pending.detail().status(),
                pending.count(),
                pending.firstCheckedAt(),
                pending.lastCheckedAt(),
                pending.detail().clientIp());
    }

    @Override
    void failed(TokenId tokenId, Throwable failure) {
        logger.warn("Could not record refused uses of token [{}]", tokenId, failure);
    }

    /** What is kept of the last refused check of a window. */
    record Refusal(TokenStatus status, String clientIp) {}
}
