package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token was replaced by a successor of the same name and scope; it stays valid until revoked. Who rotated it travels
 * in the {@link AuditMetadata#ACTOR} metadata.
 *
 * @param tokenId the replaced token
 * @param tenantId its tenant
 * @param successorId the token that replaces it
 * @param rotatedAt when
 * @param graceEndsAt when the replaced token is revoked automatically, or null when it is kept until revoked by hand
 */
@Revision("1")
public record TokenRotatedEvent(
        TokenId tokenId, TenantId tenantId, TokenId successorId, Instant rotatedAt, Instant graceEndsAt)
        implements TenantEvent {}
