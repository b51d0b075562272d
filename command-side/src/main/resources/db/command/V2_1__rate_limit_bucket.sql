-- Bucket4j's PostgreSQL store, used when vf.rate-limit.store=postgres so that several command-side nodes share
-- each token's budget; rows are locked with SELECT ... FOR UPDATE for the time of one consumption.
CREATE TABLE rate_limit_bucket (
    id    VARCHAR(80) NOT NULL PRIMARY KEY,
    state BYTEA
);
