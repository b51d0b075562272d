package com.versionforge.token.query.compliance;

import com.versionforge.token.api.TokenStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * The refused presentations of one revoked or expired token in the report's period, summed over their windows.
 *
 * @param tokenId the token
 * @param count how many checks refused it
 * @param lastPresentedAt the last refused check
 * @param lastClientIp where the last refused check came from, or null when unknown
 * @param refusedAs why the last check refused it: revoked or expired
 */
record RefusedUses(UUID tokenId, long count, Instant lastPresentedAt, String lastClientIp, TokenStatus refusedAs) {}
