package io.kit4j.circuitbreaker;

import java.time.Duration;

/**
 * A latency distribution over a breaker's rolling window: count, mean, min, max and percentiles.
 *
 * <p>Latencies are kept in log-linear bins of microseconds (eight bins per power of two, exact below
 * 8 µs), so percentiles and the mean are within 6.25% of the true values and always between the smallest
 * and the largest latency seen; the minimum and maximum are exact. Immutable.
 */
public final class Latency {
    static final int SUB_BITS = 3;
    static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    /** Bins, then the minimum and maximum in nanoseconds. */
    static final int BINS = SUB + (MAX_EXPONENT - SUB_BITS + 1) * SUB;
    static final int MIN = BINS;
    static final int MAX = BINS + 1;
    static final int SLOTS = BINS + 2;

    private static final Latency EMPTY = new Latency(new long[BINS], 0, 0, 0);

    private final long[] bins;
    private final long count;
    private final long minNanos;
    private final long maxNanos;

    private Latency(long[] bins, long count, long minNanos, long maxNanos) {
        this.bins = bins;
        this.count = count;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
    }

    static Latency of(long[] bins, long minNanos, long maxNanos) {
        long n = 0;
        for (long c : bins) {
            n += c;
        }
        return n == 0 ? EMPTY : new Latency(bins, n, minNanos, Math.max(minNanos, maxNanos));
    }

    static Latency empty() {
        return EMPTY;
    }

    /** The bin of a latency of {@code nanos}. */
    static int bin(long nanos) {
        long us = nanos / 1000;
        if (us < SUB) {
            return us < 0 ? 0 : (int) us;
        }
        int e = 63 - Long.numberOfLeadingZeros(us);
        if (e > MAX_EXPONENT) {
            return BINS - 1;
        }
        int sub = (int) (us >>> (e - SUB_BITS)) & (SUB - 1);
        return SUB + (e - SUB_BITS) * SUB + sub;
    }

    /** The value a bin stands for, in nanoseconds: the middle of its range. */
    static long value(int bin) {
        if (bin < SUB) {
            return bin * 1000L;
        }
        int e = (bin - SUB) / SUB + SUB_BITS;
        long sub = (bin - SUB) % SUB;
        long lower = (SUB + sub) << (e - SUB_BITS);
        long width = 1L << (e - SUB_BITS);
        return (lower + width / 2) * 1000L;
    }

    /** How many latencies were recorded. */
    public long count() {
        return count;
    }

    /** The shortest latency, or zero when none was recorded. */
    public Duration min() {
        return Duration.ofNanos(minNanos);
    }

    /** The longest latency, or zero when none was recorded. */
    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    /** The mean latency, or zero when none was recorded. */
    public Duration mean() {
        if (count == 0) {
            return Duration.ZERO;
        }
        double sum = 0;
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] != 0) {
                sum += (double) bins[i] * clamp(value(i));
            }
        }
        return Duration.ofNanos(clamp((long) (sum / count)));
    }

    /**
     * The latency at percentile {@code p} (0 to 100, nearest rank): {@code percentile(0)} is the minimum,
     * {@code percentile(100)} the maximum. Zero when none was recorded.
     */
    public Duration percentile(double p) {
        if (p < 0 || p > 100 || Double.isNaN(p)) {
            throw new IllegalArgumentException("percentile must be 0..100, got " + p);
        }
        if (count == 0) {
            return Duration.ZERO;
        }
        if (p == 0) {
            return min();
        }
        if (p == 100) {
            return max();
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100 * count));
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += bins[i];
            if (seen >= rank) {
                return Duration.ofNanos(clamp(value(i)));
            }
        }
        return max();
    }

    /** The median. */
    public Duration p50() {
        return percentile(50);
    }

    /** The 90th percentile. */
    public Duration p90() {
        return percentile(90);
    }

    /** The 99th percentile. */
    public Duration p99() {
        return percentile(99);
    }

    private long clamp(long nanos) {
        return Math.min(maxNanos, Math.max(minNanos, nanos));
    }

    @Override
    public String toString() {
        return "Latency[count=" + count + ", mean=" + mean() + ", p50=" + p50() + ", p90=" + p90() + ", p99="
                + p99() + ", max=" + max() + "]";
    }
}
