-- Every read of the trail is one tenant's, in id order, so the primary key becomes (tenant_id, id) and serves those
-- reads itself: one index fewer to write for every entry appended or rebuilt. An id still names one entry, being the
-- global index of the one event it records, and an event belongs to one tenant.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event ADD PRIMARY KEY (tenant_id, id);
DROP INDEX audit_event_tenant;
