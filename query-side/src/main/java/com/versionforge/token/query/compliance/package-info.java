/** The compliance report of a tenant's tokens as of an instant, from the audit side's read models. */
package com.versionforge.token.query.compliance;
