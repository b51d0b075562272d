package com.versionforge.token.query.compliance;

import java.time.Instant;

/**
 * One token on a list of the compliance report.
 *
 * @param id the token id
 * @param name its name
 * @param scope its scope
 * @param status its status as of the report's instant
 * @param createdAt when it was created
 * @param createdBy who created it, or null when unknown
 * @param expiresAt when it stops (or stopped) working
 * @param lastUsedAt its last passed check as of the report's instant, or null when never used
 * @param revokedAt when it was revoked, or null
 * @param revokedBy who revoked it, or null
 */
record TokenFinding(
        String id,
        String name,
        String scope,
        String status,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String revokedBy) {

    static TokenFinding of(TokenRecord token, Instant asOf) {
        return new TokenFinding(
                token.tokenId().toString(),
                token.name(),
                token.scope().wireName(),
                token.statusAt(asOf).wireName(),
                token.createdAt(),
                token.createdBy(),
                token.expiresAt(),
                token.lastUsedAt(),
                token.revokedAt(),
                token.revokedBy());
    }
}
