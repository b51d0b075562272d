package com.versionforge.token.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The details' JSON, which entries store and hashes cover: the same text as Jackson's object mapper gives for them,
 * as entries written before it was streamed had, whatever the values.
 */
class AuditRecordTest {

    @Test
    void writesTheDetailsAsTheObjectMapperWouldInTheOrderAdded() throws Exception {
        AuditRecord record = AuditRecord.of(
                        AuditEntryTypes.TOKEN_USED,
                        new TenantId("acme"),
                        new TokenId(UUID.fromString("00000000-0000-0000-0000-000000000001")),
                        Instant.parse("2026-12-04T10:15:30.123456789Z"))
                .detail("count", 3)
                .detail("total", 12_345_678_901L)
                .detail("lastUsedAt", Instant.parse("2026-12-04T10:15:30.123456Z"))
                .detail("lastUserAgent", "curl/8.5 \"quoted\", back\\slash, tab\t, newline\n, bell\u0007")
                .detail("name", "Zürich ✓ 😀 =cmd|' /C calc'!A0")
                .detail("webhookOrigin", null)
                .detail("webhookSecretIssued", true)
                .detail("ratio", 0.25);

        String json = record.detailsJson();

        assertThat(json).isEqualTo(new ObjectMapper().writeValueAsString(record.details()));
        assertThat(json)
                .startsWith("{\"count\":3,\"total\":12345678901,\"lastUsedAt\":\"2026-12-04T10:15:30.123456Z\"");
        assertThat(json).contains("\"webhookOrigin\":null,\"webhookSecretIssued\":true,\"ratio\":0.25}");
    }
}
