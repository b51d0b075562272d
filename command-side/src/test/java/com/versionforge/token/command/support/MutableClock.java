package com.versionforge.token.command.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests, always UTC. It either stands still until a test sets or advances it (exact instants
 * in assertions and request bodies), or runs in real time from wherever a test moved it ({@link #running()}: for
 * scheduled work such as deadlines and retries, which must fall due by themselves once the clock is past them).
 */
public final class MutableClock extends Clock {

    /** Whether it follows real time (plus {@link #aheadOfRealTime}) or shows {@link #standingAt}. */
    private final boolean running;

    private final AtomicReference<Instant> standingAt;
    private final AtomicReference<Duration> aheadOfRealTime = new AtomicReference<>(Duration.ZERO);

    /** A clock that stands at {@code start} until a test moves it. */
    public MutableClock(Instant start) {
        this(false, start);
    }

    private MutableClock(boolean running, Instant start) {
        this.running = running;
        this.standingAt = new AtomicReference<>(start);
    }

    /** A standing clock mid-way through the current real minute: a whole half window on either side of it. */
    public static MutableClock midMinute() {
        Instant minute = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60);
        return new MutableClock(minute.plusSeconds(30));
    }

    /** A clock that shows real time until a test moves it ahead, and keeps running from there. */
    public static MutableClock running() {
        return new MutableClock(true, null);
    }

    /** Moves "now" to {@code instant}, backwards too. */
    public void set(Instant instant) {
        if (running) {
            aheadOfRealTime.set(Duration.between(Instant.now(), instant));
        } else {
            standingAt.set(instant);
        }
    }

    public void advance(Duration duration) {
        if (running) {
            aheadOfRealTime.updateAndGet(ahead -> ahead.plus(duration));
        } else {
            standingAt.updateAndGet(now -> now.plus(duration));
        }
    }

    /** Moves "now" to {@code instant} unless the clock is already past it: scheduled work never sees time go back. */
    public void moveForwardTo(Instant instant) {
        if (running) {
            Duration ahead = Duration.between(Instant.now(), instant);
            aheadOfRealTime.updateAndGet(current -> ahead.compareTo(current) > 0 ? ahead : current);
        } else {
            standingAt.updateAndGet(now -> instant.isAfter(now) ? instant : now);
        }
    }

    @Override
    public Instant instant() {
        return running ? Instant.now().plus(aheadOfRealTime.get()) : standingAt.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service keeps every instant in UTC");
    }
}
