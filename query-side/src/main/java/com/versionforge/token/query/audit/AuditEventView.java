package com.versionforge.token.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;

/**
 * One entry of the audit trail as {@code GET /api/v1/audit-events} shows it.
 *
 * @param id increases with every entry of the whole service; the position in the trail
 * @param occurredAt when it happened, from the event
 * @param type what happened, such as {@code token-created}, {@code token-used}, {@code token-revoked}
 * @param tokenId the token it is about, or null
 * @param tokenName the token's name, or null
 * @param actor who did it: a user id, {@code token:<id>} for automation, {@code system} for scheduled work
 * @param clientIp where from, or null when unknown
 * @param requestId the id of the request that caused it, or null
 * @param details what else the event says, as a JSON object
 * @param hash this entry's SHA-256 in the tenant's hash chain
 * @param prevHash the hash of the tenant's previous entry, or 64 zeros for the first
 */
record AuditEventView(
        long id,
        Instant occurredAt,
        String type,
        String tokenId,
        String tokenName,
        String actor,
        String clientIp,
        String requestId,
        JsonNode details,
        String hash,
        String prevHash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditEventView of(AuditEntry entry) {
        return new AuditEventView(
                entry.id(),
                entry.occurredAt(),
                entry.type(),
                entry.tokenId() == null ? null : entry.tokenId().toString(),
                entry.tokenName(),
                entry.actor(),
                entry.clientIp(),
                entry.requestId(),
                details(entry.details()),
                entry.hash(),
                entry.prevHash());
    }

    private static JsonNode details(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Only an entry edited in the database holds anything but JSON; show it as it is, /verify flags it.
            return TextNode.valueOf(text);
        }
    }
}
