package com.versionforge.token.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads {@link AuditEntry}s from rows of {@code audit_event}. */
final class AuditEntries {

    /** The columns of an entry, in the order of the table. */
    static final String COLUMNS =
            "id, tenant_id, occurred_at, type, token_id, token_name, actor, client_ip, request_id, details, prev_hash,"
                    + " hash";

    private AuditEntries() {}

    static AuditEntry read(ResultSet row, int rowNumber) throws SQLException {
        return new AuditEntry(
                row.getLong("id"),
                row.getString("tenant_id"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getString("type"),
                row.getObject("token_id", UUID.class),
                row.getString("token_name"),
                row.getString("actor"),
                row.getString("client_ip"),
                row.getString("request_id"),
                row.getString("details"),
                row.getString("prev_hash"),
                row.getString("hash"));
    }
}
