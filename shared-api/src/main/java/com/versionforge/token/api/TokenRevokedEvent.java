package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token was revoked; it never passes a check again. Who revoked it travels in the {@link AuditMetadata#ACTOR}
 * metadata.
 *
 * @param tokenId the token
 * @param tenantId its tenant
 * @param reason why, or null when none was given
 * @param revokedAt when
 */
@Revision("1")
public record TokenRevokedEvent(TokenId tokenId, TenantId tenantId, String reason, Instant revokedAt)
        implements TenantEvent {}
