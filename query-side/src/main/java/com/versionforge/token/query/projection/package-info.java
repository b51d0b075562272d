/** What the projections share: writes batched per unit of work, so that a replay is not one round trip per event. */
package com.versionforge.token.query.projection;
