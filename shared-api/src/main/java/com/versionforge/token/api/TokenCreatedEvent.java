package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token came into being. Who created it travels in the {@link AuditMetadata#ACTOR} metadata.
 *
 * @param tokenId the token
 * @param tenantId its tenant
 * @param name its name
 * @param scope what it may do
 * @param secretDigest the SHA-256 digest of its secret, which the credential lookup matches against
 * @param tokenHint the secret's last 4 characters
 * @param createdAt when it was created
 * @param expiresAt when it stops working
 */
@Revision("1")
public record TokenCreatedEvent(
        TokenId tokenId,
        TenantId tenantId,
        TokenName name,
        Scope scope,
        SecretDigest secretDigest,
        String tokenHint,
        Instant createdAt,
        Instant expiresAt)
        implements TenantEvent {}
