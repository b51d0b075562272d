package com.versionforge.token.command.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code notification_settings}. The signing secret is read only by {@link #webhookSecret}, for
 * signing, and written only by {@link #save}.
 */
@Repository
class NotificationSettingsRepository {

    private static final TypeReference<List<String>> ADDRESSES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;

    NotificationSettingsRepository(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    Optional<NotificationSettings> find(TenantId tenantId) {
        return jdbc.sql("""
                        SELECT admin_emails, webhook_url, webhook_secret_issued_at, updated_at, updated_by
                        FROM notification_settings WHERE tenant_id = ?""")
                .param(tenantId.value())
                .query((row, rowNumber) -> map(tenantId, row))
                .optional();
    }

    Optional<WebhookSigningSecret> webhookSecret(TenantId tenantId) {
        return jdbc.sql("SELECT webhook_secret FROM notification_settings WHERE tenant_id = ?")
                .param(tenantId.value())
                .query(String.class)
                .optional()
                .map(WebhookSigningSecret::of);
    }

    /** Serialises changes of one tenant's settings until the surrounding transaction ends. */
    void lock(TenantId tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("notification_settings:" + tenantId.value())
                .query((row, rowNumber) -> Boolean.TRUE)
                .single();
    }

    void save(NotificationSettings settings, WebhookSigningSecret secret) {
        jdbc.sql("""
                        INSERT INTO notification_settings (tenant_id, admin_emails, webhook_url, webhook_secret,
                            webhook_secret_issued_at, updated_at, updated_by)
                        VALUES (?, CAST(? AS JSONB), ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET admin_emails = EXCLUDED.admin_emails,
                            webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret,
                            webhook_secret_issued_at = EXCLUDED.webhook_secret_issued_at,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .param(settings.tenantId().value())
                .param(json(settings.adminEmails()))
                .param(settings.webhookUrl())
                .param(secret == null ? null : secret.reveal())
                .param(timestamp(settings.webhookSecretIssuedAt()))
                .param(timestamp(settings.updatedAt()))
                .param(settings.updatedBy())
                .update();
    }

    private NotificationSettings map(TenantId tenantId, ResultSet row) throws SQLException {
        try {
            return new NotificationSettings(
                    tenantId,
                    objectMapper.readValue(row.getString("admin_emails"), ADDRESSES),
                    row.getString("webhook_url"),
                    instant(row, "webhook_secret_issued_at"),
                    instant(row, "updated_at"),
                    row.getString("updated_by"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored admin e-mails of tenant [" + tenantId + "] are not a JSON list", e);
        }
    }

    private String json(List<String> addresses) {
        try {
            return objectMapper.writeValueAsString(addresses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings is always JSON", e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
