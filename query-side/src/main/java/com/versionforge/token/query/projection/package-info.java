/**
 * What the projections share: writes batched per unit of work, so that a replay is not one round trip per event, and
 * the segments of each processor shared among the query-side nodes on one database.
 */
package com.versionforge.token.query.projection;
