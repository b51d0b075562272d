package com.versionforge.token.query.audit;

import com.versionforge.token.api.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the audit trail, always within one tenant; only {@link AuditTrail} writes it. */
@Repository
class AuditRepository {

    // Rows held in memory at once while streaming; PostgreSQL streams only inside a transaction.
    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnlySnapshot;
    private final AuditWatermark watermark;

    AuditRepository(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            AuditWatermark watermark) {
        this.jdbc = jdbc;
        this.watermark = watermark;
        JdbcTemplate streamingTemplate = new JdbcTemplate(dataSource);
        streamingTemplate.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(streamingTemplate);
        this.readOnlySnapshot = new TransactionTemplate(transactionManager);
        readOnlySnapshot.setReadOnly(true);
        // One snapshot for the whole read: entries appended meanwhile neither show up half-way nor break the chain, and
        // the audit processor's tokens, stored with the entries of each batch, say which of these entries are final.
        readOnlySnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * One page of a tenant's final entries (see {@link AuditWatermark}) in id order, starting after the cursor:
     * entries that become final later have higher ids, so a walk through the pages sees every entry once, with the
     * hashes it keeps.
     *
     * @param after where the page starts, or null for the first page
     */
    AuditPage findPage(TenantId tenantId, AuditFilter filter, AuditCursor after, int limit) {
        List<AuditEntry> rows = readOnlySnapshot.execute(status -> {
            Query query = Query.of(tenantId, filter, after, watermark.servedBelow());
            query.params.put("fetch", limit + 1);
            return jdbc.sql(query.sql() + " LIMIT :fetch")
                    .params(query.params)
                    .query(AuditEntries::read)
                    .list();
        });

        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, limit);
        return new AuditPage(page, new AuditCursor(page.get(limit - 1).id()));
    }

    /**
     * Hands every final entry (see {@link AuditWatermark}) of the filtered range to {@code sink}, in id order, holding
     * only a few hundred in memory: for exports of any length.
     */
    void streamAll(TenantId tenantId, AuditFilter filter, AuditCursor after, Consumer<AuditEntry> sink) {
        readOnlySnapshot.executeWithoutResult(status -> {
            Query query = Query.of(tenantId, filter, after, watermark.servedBelow());
            streaming.query(
                    query.sql(), query.params, (RowCallbackHandler) row -> sink.accept(AuditEntries.read(row, 0)));
        });
    }

    /**
     * Walks a tenant's whole chain, in id order, from one consistent snapshot: entries that are not final yet too,
     * since the chain's recorded end is its last entry, and a relinked chain verifies like any other.
     */
    ChainVerification verify(TenantId tenantId) {
        return readOnlySnapshot.execute(status -> {
            Optional<AuditChainWalk.Head> head = jdbc.sql(
                            "SELECT last_id, last_hash, entry_count FROM audit_chain_head WHERE tenant_id = ?")
                    .param(tenantId.value())
                    .query((row, number) -> new AuditChainWalk.Head(row.getLong(1), row.getString(2), row.getLong(3)))
                    .optional();
            AuditChainWalk walk = new AuditChainWalk();
            streaming.query(
                    "SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE tenant_id = :tenantId ORDER BY id",
                    Map.of("tenantId", tenantId.value()),
                    (RowCallbackHandler) row -> walk.accept(AuditEntries.read(row, 0)));
            return walk.result(head.orElse(null));
        });
    }

    /** The SQL of a filtered range, without its limit. */
    private record Query(String where, Map<String, Object> params) {

        static Query of(TenantId tenantId, AuditFilter filter, AuditCursor after, long servedBelow) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new HashMap<>();
            conditions.add("tenant_id = :tenantId");
            params.put("tenantId", tenantId.value());
            if (servedBelow != AuditWatermark.NONE) {
                conditions.add("id < :servedBelow");
                params.put("servedBelow", servedBelow);
            }
            if (filter.tokenId() != null) {
                conditions.add("token_id = :tokenId");
                params.put("tokenId", filter.tokenId());
            }
            if (filter.actor() != null) {
                conditions.add("actor = :actor");
                params.put("actor", filter.actor());
            }
            if (filter.type() != null) {
                conditions.add("type = :type");
                params.put("type", filter.type());
            }
            if (filter.from() != null) {
                conditions.add("occurred_at >= :from");
                params.put("from", timestamp(filter.from()));
            }
            if (filter.to() != null) {
                conditions.add("occurred_at < :to");
                params.put("to", timestamp(filter.to()));
            }
            if (after != null) {
                conditions.add("id > :afterId");
                params.put("afterId", after.afterId());
            }
            return new Query(String.join(" AND ", conditions), params);
        }

        String sql() {
            return "SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE " + where + " ORDER BY id";
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
