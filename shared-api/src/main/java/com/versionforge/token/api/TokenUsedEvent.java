package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token was used; one event summarises the passed checks of one window.
 *
 * @param tokenId the token
 * @param tenantId its tenant
 * @param count how many checks passed in the window
 * @param firstUsedAt the window's first use
 * @param lastUsedAt the window's last use
 * @param lastClientIp the client IP of the last use, or null when unknown
 * @param lastUserAgent the user agent of the last use, or null when unknown
 */
@Revision("1")
public record TokenUsedEvent(
        TokenId tokenId,
        TenantId tenantId,
        long count,
        Instant firstUsedAt,
        Instant lastUsedAt,
        String lastClientIp,
        String lastUserAgent)
        implements TenantEvent {}
