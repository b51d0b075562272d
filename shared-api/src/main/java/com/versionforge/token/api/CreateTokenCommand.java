package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a new token. The secret itself never travels: only its digest and a 4-character hint for display.
 *
 * @param tokenId the new token's id, chosen by the caller
 * @param tenantId the tenant the token belongs to
 * @param name the token's name
 * @param scope what the token may do
 * @param issuerScope the scope of whoever asks; the new scope may not be above it
 * @param secretDigest the SHA-256 digest of the secret handed to the user
 * @param tokenHint the secret's last 4 characters, for display
 * @param expiresAt the instant the token stops working, mandatory
 */
public record CreateTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        TenantId tenantId,
        TokenName name,
        Scope scope,
        Scope issuerScope,
        SecretDigest secretDigest,
        String tokenHint,
        Instant expiresAt) {}
