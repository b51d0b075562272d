package com.versionforge.token.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token reached its expiry instant and was marked expired.
 *
 * @param tokenId the token
 * @param tenantId its tenant
 * @param expiredAt when it was marked expired, at or after its expiry instant
 */
@Revision("1")
public record TokenExpiredEvent(TokenId tokenId, TenantId tenantId, Instant expiredAt) implements TenantEvent {}
