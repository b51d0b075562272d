-- Where a tenant's token notices go. The webhook signing secret must be readable to sign each delivery, so it is
-- kept here, in this table only: never in an event, a log line or an answer other than the one that issued it.
CREATE TABLE notification_settings (
    tenant_id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    admin_emails             JSONB        NOT NULL,
    webhook_url              VARCHAR(2000),
    webhook_secret           VARCHAR(100),
    webhook_secret_issued_at TIMESTAMPTZ,
    updated_at               TIMESTAMPTZ  NOT NULL,
    updated_by               VARCHAR(200) NOT NULL,
    CONSTRAINT notification_settings_secret_with_url CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);

-- One row per (event, channel), keyed "<event id>:<channel>" like its db-scheduler task, written in the transaction
-- that schedules the delivery: a replayed or redelivered event finds its row and schedules nothing, and a delivery that
-- ran out of attempts stays here as failed.
CREATE TABLE notification_delivery (
    delivery_id   VARCHAR(300) NOT NULL PRIMARY KEY,
    event_id      VARCHAR(255) NOT NULL,
    channel       VARCHAR(16)  NOT NULL,
    notice        VARCHAR(32)  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    token_id      UUID         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    VARCHAR(200),
    scheduled_at  TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ
);

CREATE INDEX notification_delivery_failed ON notification_delivery (status) WHERE status = 'failed';
