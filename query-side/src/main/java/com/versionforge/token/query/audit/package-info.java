/** The audit trail of each tenant: its projection, its hash chain, its listing, export and tamper check. */
package com.versionforge.token.query.audit;
