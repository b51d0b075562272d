package com.versionforge.token.command.credential;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TenantId;
import com.versionforge.token.api.TokenId;
import com.versionforge.token.api.TokenStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the {@code token_credential} table; only {@link CredentialProjection} writes it. */
@Repository
public class CredentialRepository {

    private static final String COLUMNS = "token_id, tenant_id, name, scope, status, token_hint, created_at,"
            + " created_by, expires_at, revoked_at, revoked_by, grace_ends_at";

    private final JdbcClient jdbc;

    CredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The token whose secret has this digest, if any. */
    public Optional<Credential> findByDigest(SecretDigest digest) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM token_credential WHERE secret_digest = ?")
                .param(digest.hex())
                .query(CredentialRepository::map)
                .optional();
    }

    /** The token of that id if it belongs to that tenant; another tenant's token is as absent as an unknown one. */
    public Optional<Credential> findInTenant(TokenId tokenId, TenantId tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM token_credential WHERE token_id = ? AND tenant_id = ?")
                .param(tokenId.value())
                .param(tenantId.value())
                .query(CredentialRepository::map)
                .optional();
    }

    /** The token's predecessor and successor; both null for a token that never took part in a rotation. */
    public Rotation rotationOf(TokenId tokenId) {
        return jdbc.sql("SELECT rotated_from, rotated_to FROM token_credential WHERE token_id = ?")
                .param(tokenId.value())
                .query((row, rowNumber) -> new Rotation(tokenId(row, "rotated_from"), tokenId(row, "rotated_to")))
                .optional()
                .orElse(Rotation.NONE);
    }

    /** The token's last passed check as recorded from its usage events, if it was ever used. */
    public Optional<Instant> lastUsedAt(TokenId tokenId) {
        return jdbc.sql("SELECT last_used_at FROM token_credential WHERE token_id = ?")
                .param(tokenId.value())
                .query((row, rowNumber) -> Optional.ofNullable(instant(row, "last_used_at")))
                .optional()
                .flatMap(lastUse -> lastUse);
    }

    private static TokenId tokenId(ResultSet row, String column) throws SQLException {
        UUID value = row.getObject(column, UUID.class);
        return value == null ? null : new TokenId(value);
    }

    private static Credential map(ResultSet row, int rowNumber) throws SQLException {
        return new Credential(
                new TokenId(row.getObject("token_id", UUID.class)),
                new TenantId(row.getString("tenant_id")),
                row.getString("name"),
                Scope.fromWireName(row.getString("scope")).orElseThrow(),
                status(row.getString("status")),
                row.getString("token_hint"),
                instant(row, "created_at"),
                row.getString("created_by"),
                instant(row, "expires_at"),
                instant(row, "revoked_at"),
                row.getString("revoked_by"),
                instant(row, "grace_ends_at"));
    }

    private static TokenStatus status(String wireName) {
        return Arrays.stream(TokenStatus.values())
                .filter(s -> s.wireName().equals(wireName))
                .findFirst()
                .orElseThrow();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
