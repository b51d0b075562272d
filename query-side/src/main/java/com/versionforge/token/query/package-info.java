/** The query side: projections of the token events and the read endpoints for dashboards. */
package com.versionforge.token.query;
