package io.kit4j.sd.lb;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long {@link Retry} waits between attempts: exponential, capped, with full jitter (not in go-kit,
 * whose retries follow each other at once). Before attempt {@code n + 1} it waits a uniformly random
 * time in {@code [0, min(cap, base * 2^(n-1)))}: up to {@code base} after the first failure, up to
 * twice that after the second, and so on up to {@code cap}. Full jitter spreads the retries of many
 * callers so that they do not return together.
 *
 * <p>Immutable. The random source and the {@link Sleeper} can be replaced, which makes the waits
 * deterministic in tests. {@link Retry} never waits past its deadline.
 */
public final class Backoff {
    private final long baseNanos;
    private final long capNanos;
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    private Backoff(long baseNanos, long capNanos, DoubleSupplier random, Sleeper sleeper) {
        this.baseNanos = baseNanos;
        this.capNanos = capNanos;
        this.random = random;
        this.sleeper = sleeper;
    }

    /**
     * Exponential backoff from {@code base} doubling up to {@code cap}, with full jitter drawn from
     * {@link ThreadLocalRandom}, waiting with {@link Sleeper#system()}.
     */
    public static Backoff exponential(Duration base, Duration cap) {
        long b = nanos(base, "base");
        long c = nanos(cap, "cap");
        if (b <= 0 || c < b) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base=" + base + " cap=" + cap);
        }
        return new Backoff(b, c, () -> ThreadLocalRandom.current().nextDouble(), Sleeper.system());
    }

    /**
     * The same backoff drawing its jitter from {@code random}, which gives numbers in {@code [0, 1)}
     * and must be safe for the threads that share this backoff (a value of 1 gives the full ceiling).
     */
    public Backoff withRandom(DoubleSupplier random) {
        return new Backoff(baseNanos, capNanos, Objects.requireNonNull(random, "random"), sleeper);
    }

    /** The same backoff waiting with {@code sleeper}. */
    public Backoff withSleeper(Sleeper sleeper) {
        return new Backoff(baseNanos, capNanos, random, Objects.requireNonNull(sleeper, "sleeper"));
    }

    /** The ceiling of the wait after {@code failedAttempts} failures: {@code min(cap, base * 2^(n-1))}. */
    public Duration ceiling(int failedAttempts) {
        return Duration.ofNanos(ceilingNanos(failedAttempts));
    }

    /** A wait to make after {@code failedAttempts} failures, drawn with full jitter under the ceiling. */
    public Duration delay(int failedAttempts) {
        double u = random.getAsDouble();
        if (!(u > 0)) {
            return Duration.ZERO;
        }
        long ceiling = ceilingNanos(failedAttempts);
        return Duration.ofNanos(u >= 1 ? ceiling : (long) (u * ceiling));
    }

    /** The sleeper that makes the waits. */
    public Sleeper sleeper() {
        return sleeper;
    }

    private long ceilingNanos(int failedAttempts) {
        long c = baseNanos;
        for (int i = 1; i < failedAttempts && c < capNanos; i++) {
            c = c > capNanos / 2 ? capNanos : c * 2;
        }
        return Math.min(c, capNanos);
    }

    private static long nanos(Duration d, String name) {
        Objects.requireNonNull(d, name);
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "Backoff[base=" + Duration.ofNanos(baseNanos) + ", cap=" + Duration.ofNanos(capNanos) + "]";
    }
}
