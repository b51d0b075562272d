package com.versionforge.token.query.audit;

import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one event says for the audit trail, as its handler in {@link AuditProjection} puts it; the trail adds the
 * entry id, the token's name, the actor and request from the metadata, and the hash chain.
 */
final class AuditRecord {

    private final TenantId tenantId;
    private final String type;
    private final TokenId tokenId;
    private final Instant occurredAt;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private String clientIp;

    private AuditRecord(TenantId tenantId, String type, TokenId tokenId, Instant occurredAt) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenant id");
        this.type = Objects.requireNonNull(type, "type");
        this.tokenId = tokenId;
        // PostgreSQL keeps microseconds; the hash must cover the instant as it will be read back.
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An entry of {@code type}, about a token or, with a null {@code tokenId}, about the tenant as a whole.
     *
     * @param occurredAt when it happened, from the event itself: never the clock, so that a rebuild is identical
     */
    static AuditRecord of(String type, TenantId tenantId, TokenId tokenId, Instant occurredAt) {
        return new AuditRecord(tenantId, type, tokenId, occurredAt);
    }

    /** Adds a detail; details keep the order they are added in, which is part of what is hashed. */
    AuditRecord detail(String name, Object value) {
        details.put(name, value instanceof Instant instant ? instant.toString() : value);
        return this;
    }

    /** The client IP the event itself names, which wins over the one in the metadata. */
    AuditRecord clientIp(String ip) {
        this.clientIp = ip;
        return this;
    }

    TenantId tenantId() {
        return tenantId;
    }

    String type() {
        return type;
    }

    TokenId tokenId() {
        return tokenId;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    String clientIp() {
        return clientIp;
    }
}
