package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the uses of a token in one window; uses are coalesced, so one command stands for many requests.
 *
 * @param tokenId the token that was used
 * @param count how many checks passed in the window, at least 1
 * @param firstUsedAt the first passed check of the window
 * @param lastUsedAt the last passed check of the window
 * @param lastClientIp the client IP of the last use, or null when unknown
 * @param lastUserAgent the user agent of the last use, or null when unknown
 */
public record UseTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        long count,
        Instant firstUsedAt,
        Instant lastUsedAt,
        String lastClientIp,
        String lastUserAgent) {}
