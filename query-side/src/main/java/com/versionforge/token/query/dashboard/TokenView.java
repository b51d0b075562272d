package com.versionforge.token.query.dashboard;

import java.time.Instant;

/**
 * A token as the dashboard shows it (API.md, {@code GET /api/v1/tokens}). Status and {@code expiringSoon} are judged
 * at the moment of the request, and so are {@code revokedAt} and {@code revokeReason} of a rotated token whose grace
 * period has ended (with {@code revokedBy} null until its revocation is recorded); the nullable fields are those of
 * {@link DashboardEntry}.
 */
record TokenView(
        String id,
        String name,
        String scope,
        String status,
        String tokenHint,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        boolean expiringSoon,
        Instant lastUsedAt,
        String lastUsedIp,
        long useCount,
        Instant revokedAt,
        String revokedBy,
        String revokeReason,
        Instant expiredAt,
        String rotatedFrom,
        String rotatedTo,
        Instant graceEndsAt) {

    static TokenView of(DashboardEntry entry, Instant now) {
        return new TokenView(
                entry.tokenId().toString(),
                entry.name(),
                entry.scope().wireName(),
                entry.statusAt(now).wireName(),
                entry.tokenHint(),
                entry.createdAt(),
                entry.createdBy(),
                entry.expiresAt(),
                entry.expiringSoonAt(now),
                entry.lastUsedAt(),
                entry.lastUsedIp(),
                entry.useCount(),
                entry.revokedAtAsOf(now),
                entry.revokedBy(),
                entry.revokeReasonAsOf(now),
                entry.expiredAt(),
                entry.rotatedFrom() == null ? null : entry.rotatedFrom().toString(),
                entry.rotatedTo() == null ? null : entry.rotatedTo().toString(),
                entry.graceEndsAt());
    }
}
