package com.versionforge.token.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Which entries of a tenant's trail a listing or export shows; a null field does not filter.
 *
 * @param tokenId entries about this token
 * @param actor entries by exactly this actor
 * @param type entries of exactly this type
 * @param from entries that occurred at or after this instant
 * @param to entries that occurred before this instant
 */
record AuditFilter(UUID tokenId, String actor, String type, Instant from, Instant to) {}
