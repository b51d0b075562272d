package com.versionforge.token.query.compliance;

import java.time.Duration;
import java.time.Instant;

/**
 * What a compliance report asks, after the defaults are applied.
 *
 * @param asOf the instant the report describes; nothing after it counts
 * @param unusedDays an active token not used for at least this many days is unused
 * @param rotationDays an active token older than this many days is due for rotation
 * @param periodFrom the start of the period for revocations and refused presentations, inclusive
 * @param periodTo the end of that period, inclusive; never after {@code asOf} in effect
 */
record ComplianceCriteria(Instant asOf, int unusedDays, int rotationDays, Instant periodFrom, Instant periodTo) {

    /** An active token expiring within this many days is expiring soon, as on the dashboard. */
    static final int EXPIRING_WITHIN_DAYS = 14;

    Instant expiringBy() {
        return asOf.plus(Duration.ofDays(EXPIRING_WITHIN_DAYS));
    }

    Instant unusedSince() {
        return asOf.minus(Duration.ofDays(unusedDays));
    }

    Instant rotationDue() {
        return asOf.minus(Duration.ofDays(rotationDays));
    }

    /** The end of the period as far as the report can see: events after {@code asOf} have not happened yet. */
    Instant effectivePeriodTo() {
        return periodTo.isAfter(asOf) ? asOf : periodTo;
    }
}
