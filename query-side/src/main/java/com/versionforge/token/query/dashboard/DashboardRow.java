package com.versionforge.token.query.dashboard;

import com.versionforge.token.api.TokenStatus;
import com.versionforge.token.query.projection.ColumnArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One row of {@code token_dashboard} as {@link DashboardProjection} changes it: read once per batch of events, changed
 * in memory by each of the batch's events in turn, written back once. Confined to the processor's thread. Nullable as
 * {@link DashboardEntry} says.
 */
final class DashboardRow {

    /** Every column, in the order of {@link #insertParameters()}. */
    static final String COLUMNS = "token_id, tenant_id, name, scope, status, token_hint, created_at, created_by,"
            + " expires_at, last_used_at, last_used_ip, use_count, revoked_at, revoked_by, revoke_reason, expired_at,"
            + " rotated_from, rotated_to, grace_ends_at, last_sequence";

    /** Inserts rows given as {@link ColumnArrays} of {@link #insertParameters()} and {@link #INSERT_TYPES}. */
    static final String INSERT = "INSERT INTO token_dashboard (" + COLUMNS + ")"
            + " SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::text[],"
            + " ?::timestamptz[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::bigint[],"
            + " ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[], ?::uuid[], ?::timestamptz[],"
            + " ?::bigint[])";

    static final String[] INSERT_TYPES = {
        "uuid", "varchar", "text", "varchar", "varchar", "text", "timestamptz", "text", "timestamptz", "timestamptz",
        "text", "bigint", "timestamptz", "text", "text", "timestamptz", "uuid", "uuid", "timestamptz", "bigint"
    };

    /** Updates what events change after creation, for rows given as {@link #updateParameters()}. */
    static final String UPDATE = """
            UPDATE token_dashboard d SET status = v.status, last_used_at = v.last_used_at,
                last_used_ip = v.last_used_ip, use_count = v.use_count, revoked_at = v.revoked_at,
                revoked_by = v.revoked_by, revoke_reason = v.revoke_reason, expired_at = v.expired_at,
                rotated_from = v.rotated_from, rotated_to = v.rotated_to, grace_ends_at = v.grace_ends_at,
                last_sequence = v.last_sequence
            FROM unnest(?::varchar[], ?::timestamptz[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[],
                ?::timestamptz[], ?::uuid[], ?::uuid[], ?::timestamptz[], ?::bigint[], ?::uuid[])
                AS v(status, last_used_at, last_used_ip, use_count, revoked_at, revoked_by, revoke_reason, expired_at,
                    rotated_from, rotated_to, grace_ends_at, last_sequence, token_id)
            WHERE d.token_id = v.token_id""";

    static final String[] UPDATE_TYPES = {
        "varchar",
        "timestamptz",
        "text",
        "bigint",
        "timestamptz",
        "text",
        "text",
        "timestamptz",
        "uuid",
        "uuid",
        "timestamptz",
        "bigint",
        "uuid"
    };

    private final UUID tokenId;
    private final String tenantId;
    private final String name;
    private final String scope;
    private final String tokenHint;
    private final Instant createdAt;
    private final String createdBy;
    private final Instant expiresAt;
    private String status;
    private Instant lastUsedAt;
    private String lastUsedIp;
    private long useCount;
    private Instant revokedAt;
    private String revokedBy;
    private String revokeReason;
    private Instant expiredAt;
    private UUID rotatedFrom;
    private UUID rotatedTo;
    private Instant graceEndsAt;
    private long lastSequence;

    private DashboardRow(
            UUID tokenId,
            String tenantId,
            String name,
            String scope,
            String tokenHint,
            Instant createdAt,
            String createdBy,
            Instant expiresAt,
            long lastSequence) {
        this.tokenId = tokenId;
        this.tenantId = tenantId;
        this.name = name;
        this.scope = scope;
        this.tokenHint = tokenHint;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
        this.status = TokenStatus.ACTIVE.wireName();
        this.lastSequence = lastSequence;
    }

    /** The row of a token just created, as its creation event at {@code sequence} describes it. */
    static DashboardRow created(
            UUID tokenId,
            String tenantId,
            String name,
            String scope,
            String tokenHint,
            Instant createdAt,
            String createdBy,
            Instant expiresAt,
            long sequence) {
        return new DashboardRow(tokenId, tenantId, name, scope, tokenHint, createdAt, createdBy, expiresAt, sequence);
    }

    /** Reads the row at the cursor of a query that selected {@link #COLUMNS}. */
    static DashboardRow read(ResultSet row) throws SQLException {
        DashboardRow read = new DashboardRow(
                row.getObject("token_id", UUID.class),
                row.getString("tenant_id"),
                row.getString("name"),
                row.getString("scope"),
                row.getString("token_hint"),
                instant(row, "created_at"),
                row.getString("created_by"),
                instant(row, "expires_at"),
                row.getLong("last_sequence"));
        read.status = row.getString("status");
        read.lastUsedAt = instant(row, "last_used_at");
        read.lastUsedIp = row.getString("last_used_ip");
        read.useCount = row.getLong("use_count");
        read.revokedAt = instant(row, "revoked_at");
        read.revokedBy = row.getString("revoked_by");
        read.revokeReason = row.getString("revoke_reason");
        read.expiredAt = instant(row, "expired_at");
        read.rotatedFrom = row.getObject("rotated_from", UUID.class);
        read.rotatedTo = row.getObject("rotated_to", UUID.class);
        read.graceEndsAt = instant(row, "grace_ends_at");
        return read;
    }

    UUID tokenId() {
        return tokenId;
    }

    UUID rotatedTo() {
        return rotatedTo;
    }

    /** Whether the event at {@code sequence} is applied already: events of one token arrive in sequence order. */
    boolean hasApplied(long sequence) {
        return sequence <= lastSequence;
    }

    void applied(long sequence) {
        lastSequence = sequence;
    }

    /** A window of uses: the last use is the latest ever seen, even should windows arrive out of order. */
    void used(long count, Instant windowLastUsedAt, String clientIp) {
        if (lastUsedAt == null || !lastUsedAt.isAfter(windowLastUsedAt)) {
            lastUsedAt = windowLastUsedAt;
            lastUsedIp = clientIp;
        }
        useCount += count;
    }

    void rotated(UUID successor, Instant graceEnd) {
        rotatedTo = successor;
        graceEndsAt = graceEnd;
    }

    void replaces(UUID predecessor) {
        rotatedFrom = predecessor;
    }

    void revoked(Instant at, String by, String reason) {
        status = TokenStatus.REVOKED.wireName();
        revokedAt = at;
        revokedBy = by;
        revokeReason = reason;
    }

    void expired(Instant at) {
        status = TokenStatus.EXPIRED.wireName();
        expiredAt = at;
    }

    Object[] insertParameters() {
        return new Object[] {
            tokenId,
            tenantId,
            name,
            scope,
            status,
            tokenHint,
            timestamp(createdAt),
            createdBy,
            timestamp(expiresAt),
            timestamp(lastUsedAt),
            lastUsedIp,
            useCount,
            timestamp(revokedAt),
            revokedBy,
            revokeReason,
            timestamp(expiredAt),
            rotatedFrom,
            rotatedTo,
            timestamp(graceEndsAt),
            lastSequence
        };
    }

    Object[] updateParameters() {
        return new Object[] {
            status,
            timestamp(lastUsedAt),
            lastUsedIp,
            useCount,
            timestamp(revokedAt),
            revokedBy,
            revokeReason,
            timestamp(expiredAt),
            rotatedFrom,
            rotatedTo,
            timestamp(graceEndsAt),
            lastSequence,
            tokenId
        };
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
