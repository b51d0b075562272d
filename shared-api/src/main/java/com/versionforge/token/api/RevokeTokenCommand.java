package com.versionforge.token.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Withdraws a token at once and for good.
 *
 * @param tokenId the token to revoke
 * @param tenantId the tenant of whoever asks; another tenant's token counts as not found
 * @param reason why, shown in the audit trail; null when none was given
 */
public record RevokeTokenCommand(@TargetAggregateIdentifier TokenId tokenId, TenantId tenantId, String reason) {}
