package io.kit4j.time;

import java.time.Instant;

/**
 * The source of time for every time-dependent part of kit4j (deadlines, limiters, breakers, caches).
 *
 * <p>Production code uses {@link #system()}; tests pass a {@link ManualClock} and move time by hand, so
 * no test depends on the wall clock.
 */
public interface Clock {

    /** Wall-clock time, used for deadlines and timestamps. */
    Instant now();

    /** Monotonic time in nanoseconds, used to measure durations; only differences are meaningful. */
    long nanoTime();

    /** The machine's clock: {@link Instant#now()} and {@link System#nanoTime()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
