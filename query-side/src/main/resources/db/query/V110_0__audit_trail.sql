-- The audit trail: one entry per token event, written only by the audit projection and rebuilt from the events when
-- that projection is reset. Entry ids are the events' global indexes, so a rebuild gives the same ids.
-- Each tenant's entries form a hash chain in id order (see AuditHash): hash covers the entry and prev_hash, which is
-- the hash of the tenant's previous entry, or 64 zeros for its first.
CREATE TABLE audit_event (
    id          BIGINT      NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    type        VARCHAR(64) NOT NULL,
    token_id    UUID,
    token_name  TEXT,
    actor       TEXT,
    client_ip   TEXT,
    request_id  TEXT,
    -- A JSON object, kept as the exact text that was hashed: jsonb would reorder and reformat it.
    details     TEXT        NOT NULL,
    prev_hash   CHAR(64)    NOT NULL,
    hash        CHAR(64)    NOT NULL
);

-- Keyset pages of one tenant's trail, whole or of one token.
CREATE INDEX audit_event_tenant ON audit_event (tenant_id, id);
CREATE INDEX audit_event_tenant_token ON audit_event (tenant_id, token_id, id);

-- The end of each tenant's chain: where the next entry links, and how long the chain is, so that the verification
-- also notices entries cut off its end.
CREATE TABLE audit_chain_head (
    tenant_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    last_id     BIGINT      NOT NULL,
    last_hash   CHAR(64)    NOT NULL,
    entry_count BIGINT      NOT NULL
);

-- What the audit side knows of each token, from the same events and the same projection as the trail, so that the
-- trail and the compliance report depend on no other read model.
CREATE TABLE audit_token (
    token_id      UUID        NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64) NOT NULL,
    name          TEXT        NOT NULL,
    scope         VARCHAR(16) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT,
    revoke_reason TEXT,
    expired_at    TIMESTAMPTZ
);

CREATE INDEX audit_token_tenant ON audit_token (tenant_id, created_at);
