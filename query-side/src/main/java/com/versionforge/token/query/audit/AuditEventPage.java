package com.versionforge.token.query.audit;

import java.util.List;

/**
 * One page of the audit trail.
 *
 * @param items the entries, in id order
 * @param nextCursor the {@code cursor} of the next page, or null on the last page
 */
record AuditEventPage(List<AuditEventView> items, String nextCursor) {

    static AuditEventPage of(AuditPage page) {
        return new AuditEventPage(
                page.entries().stream().map(AuditEventView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
