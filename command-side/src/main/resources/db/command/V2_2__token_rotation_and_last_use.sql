-- Rotation (issue 3): a token points to its successor (rotated_to) and the successor to its predecessor
-- (rotated_from). Both stay active during the grace period and share a name, so the name is unique only among the
-- active tokens that have no successor yet.
ALTER TABLE token_credential ADD COLUMN rotated_to UUID;
ALTER TABLE token_credential ADD COLUMN rotated_from UUID;
CREATE UNIQUE INDEX token_credential_rotated_to ON token_credential (rotated_to) WHERE rotated_to IS NOT NULL;

DROP INDEX token_credential_active_name;
CREATE UNIQUE INDEX token_credential_active_name ON token_credential (tenant_id, lower(name))
    WHERE status = 'active' AND rotated_to IS NULL;

-- The last passed check, from the coalesced usage events, so that notices can say when a token was last used.
ALTER TABLE token_credential ADD COLUMN last_used_at TIMESTAMPTZ;
