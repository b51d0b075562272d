package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the {@code token_dashboard} table, always within one tenant; only {@link DashboardProjection} writes it. */
@Repository
class DashboardRepository {

    private static final String COLUMNS = "token_id, tenant_id, name, scope, status, token_hint, created_at,"
            + " created_by, expires_at, last_used_at, last_used_ip, use_count, revoked_at, revoked_by, revoke_reason,"
            + " expired_at, rotated_from, rotated_to, grace_ends_at";

    /**
     * The rows {@link DashboardEntry#statusAt} finds active at {@code :now}: past neither the expiry nor the end of a
     * grace period. A grace end at or after the expiry needs no comparison with it: it is past only once the expiry is.
     */
    private static final String ACTIVE_NOW =
            "status = :active AND expires_at > :now AND (grace_ends_at IS NULL OR grace_ends_at > :now)";

    private final JdbcClient jdbc;

    DashboardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The token of that id if it belongs to that tenant; another tenant's token is as absent as an unknown one. */
    Optional<DashboardEntry> findInTenant(TokenId tokenId, TenantId tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM token_dashboard WHERE token_id = ? AND tenant_id = ?")
                .param(tokenId.value())
                .param(tenantId.value())
                .query(DashboardRepository::entry)
                .optional();
    }

    /**
     * One page of a tenant's tokens, by keyset pagination: the page starts right after the cursor's position, so
     * tokens created meanwhile neither repeat nor push others off a page. A token whose sort value changes between
     * pages (its {@code lastUsedAt}, when sorting by last use) moves in the order and may be seen twice or not at all.
     *
     * @param after where the page starts, or null for the first page
     * @param now the instant against which expiry is judged
     */
    DashboardPage findPage(
            TenantId tenantId,
            DashboardFilter filter,
            DashboardSort sort,
            DashboardCursor after,
            int limit,
            Instant now) {
        SortColumn column = SortColumn.of(sort.key());
        String direction = sort.descending() ? "DESC" : "ASC";
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        conditions.add("tenant_id = :tenantId");
        params.put("tenantId", tenantId.value());
        params.put("now", timestamp(now));
        params.put("active", TokenStatus.ACTIVE.wireName());
        params.put("revoked", TokenStatus.REVOKED.wireName());
        params.put("expired", TokenStatus.EXPIRED.wireName());
        addFilter(filter, now, conditions, params);
        if (after != null) {
            conditions.add("(%s, token_id) %s (%s, :afterTokenId)"
                    .formatted(column.expression, sort.descending() ? "<" : ">", column.cursorExpression));
            params.put("cursorValue", column.cursorParameter(after));
            params.put("afterTokenId", after.after().value());
        }
        params.put("fetch", limit + 1);

        String sql = """
                SELECT %s, %s AS sort_value FROM token_dashboard
                WHERE %s
                ORDER BY %s %s, token_id %s
                LIMIT :fetch""".formatted(
                        COLUMNS,
                        column.selectedValue,
                        String.join(" AND ", conditions),
                        column.expression,
                        direction,
                        direction);
        List<SortedEntry> rows = jdbc.sql(sql)
                .params(params)
                .query((row, number) -> new SortedEntry(entry(row, number), column.cursorValue(row)))
                .list();

        if (rows.size() <= limit) {
            return new DashboardPage(rows.stream().map(SortedEntry::entry).toList(), null);
        }
        SortedEntry last = rows.get(limit - 1);
        return new DashboardPage(
                rows.subList(0, limit).stream().map(SortedEntry::entry).toList(),
                new DashboardCursor(sort, last.sortValue(), last.entry().tokenId()));
    }

    private static void addFilter(
            DashboardFilter filter, Instant now, List<String> conditions, Map<String, Object> params) {
        if (filter.status() != null) {
            conditions.add(
                    switch (filter.status()) {
                        case ACTIVE -> ACTIVE_NOW;
                        case EXPIRED ->
                            "(status = :expired OR (status = :active AND expires_at <= :now"
                                    + " AND (grace_ends_at IS NULL OR grace_ends_at >= expires_at)))";
                        case REVOKED ->
                            "(status = :revoked OR (status = :active AND grace_ends_at < expires_at"
                                    + " AND grace_ends_at <= :now))";
                    });
        }
        if (filter.scope() != null) {
            conditions.add("scope = :scope");
            params.put("scope", filter.scope().wireName());
        }
        if (filter.expiringWithinDays() != null) {
            conditions.add(ACTIVE_NOW + " AND expires_at <= :horizon");
            params.put("horizon", timestamp(now.plus(Duration.ofDays(filter.expiringWithinDays()))));
        }
        if (filter.nameContains() != null) {
            conditions.add("name ILIKE :namePattern ESCAPE '\\'");
            params.put("namePattern", "%" + escapeLike(filter.nameContains()) + "%");
        }
    }

    /** Makes {@code %}, {@code _} and the escape character itself stand for themselves in a LIKE pattern. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * How each sort key reads in SQL. The expressions are those of the indexes in V100_0__token_dashboard.sql, so
     * that a page is an index range scan.
     */
    private enum SortColumn {
        CREATED_AT("created_at", "created_at", "CAST(:cursorValue AS timestamptz)"),
        EXPIRES_AT("expires_at", "expires_at", "CAST(:cursorValue AS timestamptz)"),
        // NULL has no place in a row comparison: a token never used sorts as if used at the beginning of time.
        LAST_USED_AT(
                "coalesce(last_used_at, CAST('-infinity' AS timestamptz))",
                "last_used_at",
                "coalesce(CAST(:cursorValue AS timestamptz), CAST('-infinity' AS timestamptz))"),
        // Code-point order ("C") is the same on every server, whatever locale its database was created with.
        NAME("lower(name) COLLATE \"C\"", "lower(name)", "CAST(:cursorValue AS text) COLLATE \"C\"");

        private final String expression;
        private final String selectedValue;
        private final String cursorExpression;

        SortColumn(String expression, String selectedValue, String cursorExpression) {
            this.expression = expression;
            this.selectedValue = selectedValue;
            this.cursorExpression = cursorExpression;
        }

        static SortColumn of(DashboardSort.Key key) {
            return switch (key) {
                case CREATED_AT -> CREATED_AT;
                case EXPIRES_AT -> EXPIRES_AT;
                case LAST_USED_AT -> LAST_USED_AT;
                case NAME -> NAME;
            };
        }

        /** The sort value of a row, as a cursor keeps it. */
        String cursorValue(ResultSet row) throws SQLException {
            if (this == NAME) {
                return row.getString("sort_value");
            }
            Instant instant = instant(row, "sort_value");
            return instant == null ? null : instant.toString();
        }

        /** The cursor's sort value as a query parameter. */
        Object cursorParameter(DashboardCursor cursor) {
            if (this == NAME) {
                return cursor.value();
            }
            Instant instant = cursor.instantValue();
            return instant == null ? null : timestamp(instant);
        }
    }

    private record SortedEntry(DashboardEntry entry, String sortValue) {}

    private static DashboardEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new DashboardEntry(
                new TokenId(row.getObject("token_id", UUID.class)),
                new TenantId(row.getString("tenant_id")),
                row.getString("name"),
                Scope.fromWireName(row.getString("scope")).orElseThrow(),
                status(row.getString("status")),
                row.getString("token_hint"),
                instant(row, "created_at"),
                row.getString("created_by"),
                instant(row, "expires_at"),
                instant(row, "last_used_at"),
                row.getString("last_used_ip"),
                row.getLong("use_count"),
                instant(row, "revoked_at"),
                row.getString("revoked_by"),
                row.getString("revoke_reason"),
                instant(row, "expired_at"),
                tokenId(row, "rotated_from"),
                tokenId(row, "rotated_to"),
                instant(row, "grace_ends_at"));
    }

    private static TokenId tokenId(ResultSet row, String column) throws SQLException {
        UUID value = row.getObject(column, UUID.class);
        return value == null ? null : new TokenId(value);
    }

    private static TokenStatus status(String wireName) {
        return Arrays.stream(TokenStatus.values())
                .filter(status -> status.wireName().equals(wireName))
                .findFirst()
                .orElseThrow();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
