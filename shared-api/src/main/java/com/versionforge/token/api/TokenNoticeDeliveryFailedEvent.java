package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A notice about a token could not be delivered over one channel after its last attempt: the tenant admin was not
 * told, and nobody will retry.
 *
 * @param tokenId the token the notice is about
 * @param tenantId its tenant
 * @param notice what the notice was to tell, such as {@code token.expiry-warning} (the webhook's {@code type})
 * @param channel {@code email} or {@code webhook}
 * @param threshold the warning threshold such as {@code 14d}, or null for a notice that is no warning
 * @param attempts how many attempts failed, at least 1
 * @param lastError why the last attempt failed, such as {@code The webhook answered HTTP 500}; never an address or
 *     URL, possibly null
 * @param failedAt when the delivery was given up
 */
@Revision("1")
public record TokenNoticeDeliveryFailedEvent(
        TokenId tokenId,
        TenantId tenantId,
        String notice,
        String channel,
        String threshold,
        int attempts,
        String lastError,
        Instant failedAt)
        implements TenantEvent {}
