package io.kit4j.sd.consul;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * go-kit's {@code util/conn.Exponential}, the instancer's wait after a failed query: the next wait is
 * the last one doubled, times a jitter factor drawn uniformly from {@code [0.5, 1.5)}, capped at one
 * minute. The loop starts from {@link #INITIAL} and returns to it after a good answer.
 */
final class Exponential {
    /** The first wait after a failure. */
    static final Duration INITIAL = Duration.ofMillis(10);
    /** The longest wait. */
    static final Duration CAP = Duration.ofMinutes(1);

    private Exponential() {
    }

    /** The wait after {@code d}, with {@code random} giving a number in {@code [0, 1)}. */
    static Duration next(Duration d, DoubleSupplier random) {
        double jitter = random.getAsDouble() + 0.5;
        long nanos = (long) (d.toNanos() * 2 * jitter);
        Duration next = Duration.ofNanos(nanos);
        return next.compareTo(CAP) > 0 ? CAP : next;
    }
}
