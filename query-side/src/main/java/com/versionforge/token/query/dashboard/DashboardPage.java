package com.versionforge.token.query.dashboard;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param entries the tokens, in the listing's sort
 * @param next where the next page starts, or null when this is the last
 */
record DashboardPage(List<DashboardEntry> entries, DashboardCursor next) {}
