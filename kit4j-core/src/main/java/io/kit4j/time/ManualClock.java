package io.kit4j.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told to: the deterministic clock for tests of time-dependent logic.
 * Its monotonic time and wall time advance together. Thread-safe.
 */
public final class ManualClock implements Clock {
    private final Instant origin;
    private volatile long elapsedNanos;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.origin = start;
    }

    /** A clock standing at 2009-11-10T23:00:00Z, Go's playground epoch. */
    public ManualClock() {
        this(Instant.parse("2009-11-10T23:00:00Z"));
    }

    @Override
    public Instant now() {
        return origin.plusNanos(elapsedNanos);
    }

    @Override
    public long nanoTime() {
        return elapsedNanos;
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public synchronized ManualClock advance(Duration d) {
        elapsedNanos += d.toNanos();
        return this;
    }

    /** Moves the clock to an absolute instant. */
    public synchronized ManualClock set(Instant t) {
        elapsedNanos = Duration.between(origin, t).toNanos();
        return this;
    }
}
