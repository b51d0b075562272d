package com.versionforge.token.api;

/**
 * An event that belongs to exactly one tenant, as every event of this service does: projections that keep per-tenant
 * order (the audit trail's hash chains) sequence their events by it.
 */
public interface TenantEvent {

    /** The tenant the event belongs to, never null. */
    TenantId tenantId();
}
