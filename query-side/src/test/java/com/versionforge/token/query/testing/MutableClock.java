package com.versionforge.token.query.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still where a test puts it. */
public final class MutableClock extends Clock {

    /** Where the clock stands unless a test moves it. */
    public static final Instant DEFAULT_NOW = Instant.parse("2027-01-15T12:00:00Z");

    private volatile Instant now;

    MutableClock(Instant now) {
        this.now = now;
    }

    public void setInstant(Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service works in UTC only");
    }
}
