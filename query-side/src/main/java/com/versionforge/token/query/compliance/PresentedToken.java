package com.versionforge.token.query.compliance;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A revoked or expired token that was still presented in the report's period: something is configured with a token
 * that no longer works, and may be failing, or probing.
 *
 * @param token the token
 * @param refusedCount how many checks refused it in the period
 * @param lastPresentedAt the last refused check in the period
 * @param lastClientIp where that check came from, or null when unknown
 * @param refusedAs why it was refused: {@code revoked} or {@code expired}
 */
record PresentedToken(
        @JsonUnwrapped TokenFinding token,
        long refusedCount,
        Instant lastPresentedAt,
        String lastClientIp,
        String refusedAs) {}
