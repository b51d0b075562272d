-- Tokens rotated before V2_5 get their grace end from their stored rotation event, so that the auth check enforces it
-- by the clock for them too. Only text instants are read (Axon's Jackson serializer writes ISO-8601); anything else is
-- left to the expiry process, as before.
UPDATE token_credential c
SET grace_ends_at = (convert_from(e.payload, 'UTF8')::jsonb ->> 'graceEndsAt')::timestamptz
FROM domainevententry e
WHERE e.payloadtype = 'com.versionforge.token.api.TokenRotatedEvent'
  AND e.aggregateidentifier = c.token_id::text
  AND c.grace_ends_at IS NULL
  AND jsonb_typeof(convert_from(e.payload, 'UTF8')::jsonb -> 'graceEndsAt') = 'string';
