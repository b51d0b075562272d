package com.versionforge.token.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.io.IOException;
import java.io.StringWriter;
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

    private static final ObjectMapper DETAILS_JSON = new ObjectMapper();
    private static final int DETAILS_CAPACITY = 256;

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

    /**
     * The details as a JSON object, in the order they were added: what the entry stores and its hash covers. Written
     * with Jackson's streaming generator, which gives the same text as its object mapper for the plain values details
     * hold, without looking up a serializer per entry.
     */
    String detailsJson() {
        StringWriter text = new StringWriter(DETAILS_CAPACITY);
        try (JsonGenerator json = DETAILS_JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> detail : details.entrySet()) {
                json.writeFieldName(detail.getKey());
                json.writeObject(detail.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("Audit details must be plain JSON values", e);
        }
        return text.toString();
    }

    String clientIp() {
        return clientIp;
    }
}
