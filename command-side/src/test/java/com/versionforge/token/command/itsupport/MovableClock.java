package com.versionforge.token.command.itsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The real clock plus an offset that a test moves forward, so deadlines days away fall due within a test. */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves "now" to {@code instant}, from where it keeps running in real time; never backwards. */
    public void moveTo(Instant instant) {
        Duration next = Duration.between(Instant.now(), instant);
        offset.updateAndGet(current -> next.compareTo(current) > 0 ? next : current);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service's clock is in UTC");
    }
}
