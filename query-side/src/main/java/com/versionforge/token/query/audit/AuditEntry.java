package com.versionforge.token.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored entry of a tenant's audit trail.
 *
 * @param id the global index of the event it records; increases with every entry
 * @param tenantId the tenant
 * @param occurredAt when it happened, as the event says, in microseconds (PostgreSQL's precision)
 * @param type what happened, such as {@code token-revoked}
 * @param tokenId the token, or null for an entry about no token
 * @param tokenName the token's name when the entry was written, or null when the trail never saw it created
 * @param actor who did it, or null when the event does not say
 * @param clientIp where from, or null when unknown
 * @param requestId the request that caused it, or null
 * @param details a JSON object with what else the event says, exactly as it was hashed
 * @param prevHash the hash of the tenant's previous entry, or {@link AuditHash#GENESIS} for its first
 * @param hash the SHA-256 of the entry's canonical form, in lower-case hex
 */
record AuditEntry(
        long id,
        String tenantId,
        Instant occurredAt,
        String type,
        UUID tokenId,
        String tokenName,
        String actor,
        String clientIp,
        String requestId,
        String details,
        String prevHash,
        String hash) {

    /** This entry linked after {@code previousHash}, with its hash computed. */
    AuditEntry linkedAfter(String previousHash) {
        AuditEntry unhashed = new AuditEntry(
                id,
                tenantId,
                occurredAt,
                type,
                tokenId,
                tokenName,
                actor,
                clientIp,
                requestId,
                details,
                previousHash,
                null);
        return new AuditEntry(
                id,
                tenantId,
                occurredAt,
                type,
                tokenId,
                tokenName,
                actor,
                clientIp,
                requestId,
                details,
                previousHash,
                AuditHash.of(unhashed));
    }
}
