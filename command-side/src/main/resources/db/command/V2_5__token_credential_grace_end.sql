-- When a rotated token's grace period ends (null: no grace period, or not rotated). The auth check refuses the token
-- from then on by the clock, even before the expiry process has recorded the revocation (a late or missed deadline).
ALTER TABLE token_credential ADD COLUMN grace_ends_at TIMESTAMPTZ;
