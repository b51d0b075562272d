-- The credential lookup of the auth check (DESIGN.md decision 5): one row per token, written by a subscribing event
-- handler in the same transaction as the event, so a committed revoke is a rejected check. It also answers the
-- command side's token views and guards name uniqueness among a tenant's active tokens.
CREATE TABLE token_credential (
    token_id      UUID         NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    secret_digest CHAR(64)     NOT NULL UNIQUE,
    token_hint    VARCHAR(8)   NOT NULL,
    name          VARCHAR(400) NOT NULL,
    scope         VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(200) NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoked_by    VARCHAR(200),
    revoke_reason VARCHAR(500),
    expired_at    TIMESTAMPTZ
);

-- Names are unique, ignoring case, among the tenant's active tokens only: a revoked name can be used again.
CREATE UNIQUE INDEX token_credential_active_name ON token_credential (tenant_id, lower(name)) WHERE status = 'active';
CREATE INDEX token_credential_tenant ON token_credential (tenant_id);
