-- The dashboard read model: one row per token, written only by the dashboard projection and rebuilt from the events
-- when that projection is reset. Versions of the query side start at 100 so they never meet those of db/axon.
-- Free-form text from events is TEXT: a value longer than a guessed bound must not stop the projection.
CREATE TABLE token_dashboard (
    token_id      UUID        NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64) NOT NULL,
    name          TEXT        NOT NULL,
    scope         VARCHAR(16) NOT NULL,
    -- The stored status; an active token past expires_at is shown as expired before its expiry event arrives.
    status        VARCHAR(16) NOT NULL,
    token_hint    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    last_used_ip  TEXT,
    use_count     BIGINT      NOT NULL DEFAULT 0,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT,
    revoke_reason TEXT,
    expired_at    TIMESTAMPTZ,
    -- Rotation links, filled once rotation events exist.
    rotated_from  UUID,
    rotated_to    UUID,
    -- The aggregate sequence number of the last event applied: an event at or below it is a redelivery.
    last_sequence BIGINT      NOT NULL
);

-- One index per dashboard sort, each ending in token_id: the keyset pagination seeks (sort value, token_id) within
-- one tenant and reads the index forwards or backwards. A never-used token sorts as the oldest use, and names sort
-- case-insensitively in code-point order, the same on every PostgreSQL whatever its locale.
CREATE INDEX token_dashboard_created ON token_dashboard (tenant_id, created_at, token_id);
CREATE INDEX token_dashboard_expires ON token_dashboard (tenant_id, expires_at, token_id);
CREATE INDEX token_dashboard_last_used
    ON token_dashboard (tenant_id, (coalesce(last_used_at, '-infinity'::timestamptz)), token_id);
CREATE INDEX token_dashboard_name ON token_dashboard (tenant_id, (lower(name) COLLATE "C"), token_id);
