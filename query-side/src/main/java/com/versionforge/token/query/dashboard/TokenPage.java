package com.versionforge.token.query.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * One page of the dashboard.
 *
 * @param items the tokens of the page
 * @param nextCursor the {@code cursor} of the next page, or null on the last page
 */
record TokenPage(List<TokenView> items, String nextCursor) {

    static TokenPage of(DashboardPage page, Instant now) {
        return new TokenPage(
                page.entries().stream().map(entry -> TokenView.of(entry, now)).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
