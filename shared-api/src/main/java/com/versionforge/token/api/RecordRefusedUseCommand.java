package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the refused presentations of a revoked or expired token in one window; refusals are coalesced like uses, so
 * one command stands for many requests.
 *
 * @param tokenId the token that was presented
 * @param status why the checks refused it: {@link TokenStatus#REVOKED} or {@link TokenStatus#EXPIRED}, as of the last
 *     refusal of the window
 * @param count how many checks refused it in the window, at least 1
 * @param firstRefusedAt the first refused check of the window
 * @param lastRefusedAt the last refused check of the window
 * @param lastClientIp the client IP of the last refused check, or null when unknown
 */
public record RecordRefusedUseCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        TokenStatus status,
        long count,
        Instant firstRefusedAt,
        Instant lastRefusedAt,
        String lastClientIp) {}
