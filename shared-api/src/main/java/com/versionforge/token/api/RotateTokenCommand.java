package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hands a token over to its successor: the successor is created right after with the same name and scope, and the
 * old token stays valid until it is revoked, automatically at the end of the grace period when there is one.
 *
 * @param tokenId the token being replaced
 * @param tenantId the tenant of whoever asks; another tenant's token counts as not found
 * @param successorId the id of the token that replaces it, chosen by the caller
 * @param issuerScope the scope of whoever asks; a token above it cannot be rotated
 * @param graceEndsAt when the old token is revoked with reason {@code rotated}; null to keep it until revoked by hand
 */
public record RotateTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        TenantId tenantId,
        TokenId successorId,
        Scope issuerScope,
        Instant graceEndsAt) {}
