package io.kit4j.ratelimit;

import java.time.Duration;

/**
 * Go's time and float arithmetic as x/time/rate uses it, so that results are bit-identical.
 *
 * <p>A Go {@code time.Duration} is a {@code long} of nanoseconds. A time point on the limiter's time line
 * is a {@code long} of nanoseconds too, except where x/time/rate adds a wait of up to
 * {@code InfDuration} (about 292 years) to it: a Go {@code time.Time} holds such a point, a {@code long}
 * may not. Those points (a reservation's time to act, the limiter's last event) are kept as 128-bit
 * two's-complement values split in an {@code int} high part and a {@code long} low part; every
 * operation Go does on them (add a duration, {@code Sub} saturating to the int64 range, {@code Before},
 * {@code ==}) is exact here.
 */
final class GoTime {
    /** x/time/rate's {@code InfDuration}: {@code time.Duration(math.MaxInt64)}. */
    static final long INF_DURATION = Long.MAX_VALUE;
    /** x/time/rate's {@code Inf}: {@code Limit(math.MaxFloat64)}. */
    static final double INF = Double.MAX_VALUE;
    /** {@code float64(math.MaxInt64)}, which rounds to 2^63. */
    private static final double MAX_INT64_AS_FLOAT = 0x1p63;

    private GoTime() {
    }

    /** Go's {@code time.Duration.Seconds}: integer and fractional seconds converted apart, then added. */
    static double seconds(long d) {
        if (d >= 0 && d < 1_000_000_000L) {
            return (double) d / 1e9; // Go's float64(0) + float64(d)/1e9, bit for bit, without two divisions
        }
        long sec = d / 1_000_000_000L;
        long nsec = d % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }

    /** x/time/rate's {@code Limit.tokensFromDuration}. */
    static double tokensFromDuration(double limit, long d) {
        if (limit <= 0) {
            return 0;
        }
        return seconds(d) * limit;
    }

    /**
     * x/time/rate's {@code Limit.durationFromTokens}: {@code InfDuration} for a limit of zero or less and
     * for a result above {@code float64(math.MaxInt64)}; otherwise Go's float-to-int64 conversion.
     */
    static long durationFromTokens(double limit, double tokens) {
        if (limit <= 0) {
            return INF_DURATION;
        }
        double duration = (tokens / limit) * 1e9;
        if (duration > MAX_INT64_AS_FLOAT) {
            return INF_DURATION;
        }
        return toInt64(duration);
    }

    /**
     * Go's {@code int64(f)} for a non-constant float as amd64 computes it (CVTTSD2SQ): truncation toward
     * zero, and {@code math.MinInt64} for NaN and for values out of range (Java's cast would saturate).
     */
    static long toInt64(double f) {
        if (f >= MAX_INT64_AS_FLOAT || f < -MAX_INT64_AS_FLOAT || f != f) {
            return Long.MIN_VALUE;
        }
        return (long) f;
    }

    /** Go's {@code 1 / Limit(interval.Seconds())}, {@code Inf} for intervals of zero or less. */
    static double every(long intervalNanos) {
        if (intervalNanos <= 0) {
            return INF;
        }
        return 1 / seconds(intervalNanos);
    }

    /** {@code later.Sub(earlier)} for plain time points, where {@code later >= earlier}: saturates. */
    static long elapsed(long later, long earlier) {
        long d = later - earlier;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    /** The high part of a plain time point. */
    static int hi(long t) {
        return (int) (t >> 63);
    }

    /** The high part of {@code (hi, lo) + d}; the low part is {@code lo + d}. */
    static int addHi(int hi, long lo, long d) {
        long sum = lo + d;
        int carry = Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        return hi + (int) (d >> 63) + carry;
    }

    /** Go's {@code a.Sub(b)}: the exact difference, saturated to the int64 range. */
    static long sub(int aHi, long aLo, int bHi, long bLo) {
        long lo = aLo - bLo;
        int borrow = Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0;
        int hi = aHi - bHi - borrow;
        if (hi == 0 && lo >= 0 || hi == -1 && lo < 0) {
            return lo;
        }
        return hi < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** Compares two time points: negative if a is before b, zero if equal, positive if after. */
    static int compare(int aHi, long aLo, int bHi, long bLo) {
        if (aHi != bHi) {
            return aHi < bHi ? -1 : 1;
        }
        return Long.compareUnsigned(aLo, bLo);
    }

    /** A Java duration as Go nanoseconds, saturated to the int64 range (Go cannot express more). */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
