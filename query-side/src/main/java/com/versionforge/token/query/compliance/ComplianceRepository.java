package com.versionforge.token.query.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.audit.AuditEntryTypes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the compliance report needs from the audit side's tables ({@code audit_token}, {@code audit_event}),
 * which the audit projection keeps from the events; "as of" an instant means ignoring everything after it.
 */
@Repository
class ComplianceRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    ComplianceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tenant's tokens created at or before {@code asOf}, each with its last use at or before {@code asOf}. A token
     * whose rotation's grace period ended before its expiry, by {@code asOf}, counts as revoked at that end even when
     * its revocation was not recorded yet, as the auth check refuses it from then on.
     */
    List<TokenRecord> tokensAsOf(TenantId tenantId, Instant asOf) {
        Map<UUID, Instant> graceEnds = graceEnds(tenantId, asOf);
        return tokensRecordedAsOf(tenantId, asOf).stream()
                .map(token -> token.withGraceEnd(graceEnds.get(token.tokenId()), asOf))
                .toList();
    }

    private List<TokenRecord> tokensRecordedAsOf(TenantId tenantId, Instant asOf) {
        return jdbc.sql("""
                        SELECT t.token_id, t.name, t.scope, t.created_at, t.created_by, t.expires_at,
                            CASE WHEN t.revoked_at <= :asOf THEN t.revoked_at END AS revoked_at,
                            CASE WHEN t.revoked_at <= :asOf THEN t.revoked_by END AS revoked_by,
                            (SELECT max(e.occurred_at) FROM audit_event e
                             WHERE e.tenant_id = t.tenant_id AND e.token_id = t.token_id AND e.type = :used
                                AND e.occurred_at <= :asOf) AS last_used_at
                        FROM audit_token t
                        WHERE t.tenant_id = :tenantId AND t.created_at <= :asOf""")
                .param("tenantId", tenantId.value())
                .param("asOf", timestamp(asOf))
                .param("used", AuditEntryTypes.TOKEN_USED)
                .query(ComplianceRepository::token)
                .list();
    }

    /** The grace ends of the tenant's tokens rotated at or before {@code asOf}, by token. */
    private Map<UUID, Instant> graceEnds(TenantId tenantId, Instant asOf) {
        Map<UUID, Instant> graceEnds = new HashMap<>();
        jdbc.sql("""
                        SELECT token_id, details FROM audit_event
                        WHERE tenant_id = ? AND type = ? AND occurred_at <= ?""")
                .param(tenantId.value())
                .param(AuditEntryTypes.TOKEN_ROTATED)
                .param(timestamp(asOf))
                .query(row -> {
                    JsonNode graceEndsAt = details(row.getString("details")).path("graceEndsAt");
                    if (graceEndsAt.isTextual()) {
                        try {
                            graceEnds.put(row.getObject("token_id", UUID.class), Instant.parse(graceEndsAt.asText()));
                        } catch (DateTimeParseException e) {
                            // Only an entry edited in the database holds anything else; the tamper check reports it.
                        }
                    }
                });
        return graceEnds;
    }

    /** The refused presentations of the tenant's tokens from {@code from} to {@code to}, both inclusive, per token. */
    List<RefusedUses> refusedUses(TenantId tenantId, Instant from, Instant to) {
        Map<UUID, RefusedUses> byToken = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT token_id, occurred_at, client_ip, details FROM audit_event
                        WHERE tenant_id = ? AND type = ? AND occurred_at >= ? AND occurred_at <= ?
                        ORDER BY occurred_at, id""")
                .param(tenantId.value())
                .param(AuditEntryTypes.TOKEN_REFUSED_USE)
                .param(timestamp(from))
                .param(timestamp(to))
                .query(row -> {
                    UUID tokenId = row.getObject("token_id", UUID.class);
                    JsonNode details = details(row.getString("details"));
                    RefusedUses window = new RefusedUses(
                            tokenId,
                            details.path("count").asLong(1),
                            instant(row, "occurred_at"),
                            row.getString("client_ip"),
                            TokenStatus.EXPIRED
                                            .wireName()
                                            .equals(details.path("status").asText())
                                    ? TokenStatus.EXPIRED
                                    : TokenStatus.REVOKED);
                    // Rows come in time order: the latest window names the last client and reason.
                    byToken.merge(
                            tokenId,
                            window,
                            (earlier, later) -> new RefusedUses(
                                    tokenId,
                                    earlier.count() + later.count(),
                                    later.lastPresentedAt(),
                                    later.lastClientIp(),
                                    later.refusedAs()));
                });
        return new ArrayList<>(byToken.values());
    }

    private static JsonNode details(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Only an entry edited in the database holds anything else; the tamper check reports it.
            return JSON.createObjectNode();
        }
    }

    private static TokenRecord token(ResultSet row, int rowNumber) throws SQLException {
        return new TokenRecord(
                row.getObject("token_id", UUID.class),
                row.getString("name"),
                Scope.fromWireName(row.getString("scope")).orElseThrow(),
                instant(row, "created_at"),
                row.getString("created_by"),
                instant(row, "expires_at"),
                instant(row, "revoked_at"),
                row.getString("revoked_by"),
                instant(row, "last_used_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
