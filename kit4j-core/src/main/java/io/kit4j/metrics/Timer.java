package io.kit4j.metrics;

import io.kit4j.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Measures the time since it started and observes it into a {@link Histogram}: go-kit's
 * {@code metrics.Timer}. Seconds by default; {@link #unit} picks another unit. A negative elapsed time
 * (a clock moved back) is observed as 0.
 *
 * <pre>{@code
 * try (Timer t = Timer.start(latency.with("method", "GetUser"))) {
 *     return svc.get(id);
 * } // observes the elapsed seconds
 * }</pre>
 *
 * <p>Immutable: {@link #unit} returns a new timer with the same start, where go-kit's {@code Unit}
 * changes the timer. Every {@link #observeDuration()} (and {@link #close()}) observes once more.
 */
public final class Timer implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;

    private final Histogram histogram;
    private final Clock clock;
    private final long startNanos;
    private final long unitNanos;

    private Timer(Histogram histogram, Clock clock, long startNanos, long unitNanos) {
        this.histogram = histogram;
        this.clock = clock;
        this.startNanos = startNanos;
        this.unitNanos = unitNanos;
    }

    /** A timer started now on the system clock, observing seconds into {@code histogram}. */
    public static Timer start(Histogram histogram) {
        return start(histogram, Clock.system());
    }

    /** A timer started now on {@code clock}, observing seconds into {@code histogram}. */
    public static Timer start(Histogram histogram, Clock clock) {
        Objects.requireNonNull(histogram, "histogram");
        return new Timer(histogram, clock, clock.nanoTime(), SECOND);
    }

    /**
     * This timer observing in {@code unit}s: {@code Duration.ofMillis(1)} observes milliseconds.
     *
     * @throws IllegalArgumentException if {@code unit} is not positive
     */
    public Timer unit(Duration unit) {
        long nanos = unit.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("timer unit must be positive: " + unit);
        }
        return new Timer(histogram, clock, startNanos, nanos);
    }

    /** The time since the start, never negative. */
    public Duration elapsed() {
        return Duration.ofNanos(Math.max(0, clock.nanoTime() - startNanos));
    }

    /** Observes the elapsed time in this timer's unit and returns the observed value. */
    public double observeDuration() {
        double d = (double) Math.max(0, clock.nanoTime() - startNanos) / unitNanos;
        histogram.observe(d);
        return d;
    }

    /** Same as {@link #observeDuration()}, for try-with-resources. */
    @Override
    public void close() {
        observeDuration();
    }
}
