package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A notice about a token (expiry warning, expiry, revocation) reached the tenant over one channel. It names no
 * recipient address: the audit trail it ends up in is kept for good, and addresses are personal data.
 *
 * @param tokenId the token the notice is about
 * @param tenantId its tenant
 * @param notice what the notice told, such as {@code token.expiry-warning} (the webhook's {@code type})
 * @param channel {@code email} or {@code webhook}
 * @param threshold the warning threshold such as {@code 14d}, or null for a notice that is no warning
 * @param recipientCount how many addresses the e-mail went to; 1 for a webhook
 * @param webhookOrigin scheme, host and port of the webhook, or null for an e-mail
 * @param attempts how many attempts it took, at least 1
 * @param deliveredAt when the recipient took it
 */
@Revision("1")
public record TokenNoticeDeliveredEvent(
        TokenId tokenId,
        TenantId tenantId,
        String notice,
        String channel,
        String threshold,
        int recipientCount,
        String webhookOrigin,
        int attempts,
        Instant deliveredAt)
        implements TenantEvent {}
