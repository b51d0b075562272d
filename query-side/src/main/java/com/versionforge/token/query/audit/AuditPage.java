package com.versionforge.token.query.audit;

import java.util.List;

/**
 * One page of a tenant's trail.
 *
 * @param entries the entries, in id order
 * @param next where the next page starts, or null when this is the last
 */
record AuditPage(List<AuditEntry> entries, AuditCursor next) {}
