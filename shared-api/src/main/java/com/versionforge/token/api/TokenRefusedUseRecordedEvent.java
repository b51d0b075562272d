package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Someone still presents a token that no longer works; one event summarises the refused checks of one window, so that
 * an auditor sees that a revoked or expired token is still configured somewhere, and where from.
 *
 * @param tokenId the token that was presented
 * @param tenantId its tenant
 * @param status why the checks refused it: {@link TokenStatus#REVOKED} or {@link TokenStatus#EXPIRED}
 * @param count how many checks refused it in the window, at least 1
 * @param firstRefusedAt the window's first refused check
 * @param lastRefusedAt the window's last refused check
 * @param lastClientIp the client IP of the last refused check, or null when unknown
 */
@Revision("1")
public record TokenRefusedUseRecordedEvent(
        TokenId tokenId,
        TenantId tenantId,
        TokenStatus status,
        long count,
        Instant firstRefusedAt,
        Instant lastRefusedAt,
        String lastClientIp)
        implements TenantEvent {}
