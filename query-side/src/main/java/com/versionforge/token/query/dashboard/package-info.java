/** The dashboard of a tenant's tokens: its projection, its table and its endpoints. */
package com.versionforge.token.query.dashboard;
