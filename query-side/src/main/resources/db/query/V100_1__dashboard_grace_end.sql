-- When a rotated token's grace period ends and it is revoked by itself; NULL for a token not rotated, or rotated
-- without a grace period (kept until revoked by hand).
ALTER TABLE token_dashboard ADD COLUMN grace_ends_at TIMESTAMPTZ;

-- Rows written before this column existed lack their grace ends, and their events count as applied already
-- (last_sequence): the dashboard is rebuilt from the events instead. Without its rows and tracking tokens, the
-- dashboard's processor starts again from the first event when the query side starts, after this migration.
DELETE FROM token_dashboard;
DELETE FROM tokenentry WHERE processorname = 'dashboard';
