package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The tenant admin is to be warned that a token expires soon; the notifier delivers it by e-mail and webhook.
 *
 * @param tokenId the token
 * @param tenantId its tenant
 * @param threshold the {@link ExpiryWarningThreshold#wireName() wire name} of the threshold, such as {@code 14d}
 * @param issuedAt when the warning was issued
 * @param expiresAt when the token stops working
 */
@Revision("1")
public record TokenExpiryWarningIssuedEvent(
        TokenId tokenId, TenantId tenantId, String threshold, Instant issuedAt, Instant expiresAt)
        implements TenantEvent {}
