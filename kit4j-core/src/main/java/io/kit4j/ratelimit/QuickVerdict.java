package io.kit4j.ratelimit;

/**
 * Outcomes of x/time/rate's {@code reserveN(t, n, 0)} that are certain without Go's two float divisions
 * (the refill's {@code Duration.Seconds} and the wait's {@code durationFromTokens}): the common cases of
 * {@code Allow} (a bucket that the refill fills up to the burst, a bucket far from holding {@code n}
 * tokens) decided with multiplications only. When neither answer is certain the caller computes Go's
 * operations exactly; when one is, Go's exact operations give the same result bit for bit.
 *
 * <p>Why it holds: for an elapsed {@code d >= 0} and a limit {@code l}, {@code p = (double) d * 1e-9 * l}
 * is within 8 units in the last place of Go's refill {@code δ = float64(d.Seconds()) * l}
 * ({@code d → double}, {@code 1e-9}'s own rounding and two products here; at most three roundings in Go),
 * provided every intermediate value is a normal, finite double, which {@code 2^-900 <= p <= 2^900}
 * guarantees. Widening {@code p} by {@code 2^-48} (32 units) gives bounds {@code lb < δ < ub}. IEEE
 * addition and subtraction are monotonic, so {@code tokens + lb >= burst} implies that Go's refill reaches
 * the burst (and then Go's clipped sum is exactly {@code float64(burst)}), and {@code n - (tokens + ub)}
 * is a lower bound of Go's missing tokens {@code -left}. Go's wait, {@code int64((-left / l) * 1e9)} (or
 * {@code InfDuration}), is positive once the missing tokens are at least {@code 4e-9 * l}: at least 3 ns.
 * A refill of zero ({@code limit <= 0} or {@code d == 0}) is its own exact lower bound.
 */
final class QuickVerdict {
    private static final double LOW = 0x1p-900;
    private static final double HIGH = 0x1p900;
    private static final double DOWN = 1 - 0x1p-48;
    private static final double UP = 1 + 0x1p-48;

    private QuickVerdict() {
    }

    /**
     * Whether Go's {@code advance} certainly returns {@code float64(burst)}: the refill over {@code d}
     * nanoseconds ({@code d >= 0}, already saturated as Go's {@code Sub}) fills the bucket.
     */
    static boolean fills(double limit, double tokens, int burst, long d) {
        double p = (double) d * 1e-9 * limit;
        double lb = p >= LOW && p <= HIGH ? p * DOWN : 0;
        return tokens + lb >= burst;
    }

    /**
     * Whether Go's {@code reserveN(t, n, 0)} certainly refuses: even the most the refill over {@code d}
     * nanoseconds can add leaves a wait of at least a few nanoseconds.
     */
    static boolean refuses(double limit, double tokens, int n, long d) {
        double p = (double) d * 1e-9 * limit;
        if (!(p >= LOW && p <= HIGH)) {
            return false;
        }
        double missing = n - (tokens + p * UP);
        return missing * 1e9 >= 4 * limit;
    }

    /**
     * An integer number of nanoseconds {@code c >= 1e9 / limit} with margin, such that Go's refill over
     * any {@code d >= k * c} nanoseconds is at least {@code k} tokens; {@link Long#MAX_VALUE} when there
     * is none below 2^32 ns (limits under about 0.24 per second, zero, negative).
     */
    static long nanosPerToken(double limit) {
        if (!(limit > 0)) {
            return Long.MAX_VALUE;
        }
        double c = 1e9 / limit * (1 + 0x1p-40);
        return c < 0x1p32 ? (long) Math.ceil(c) : Long.MAX_VALUE;
    }

    /**
     * After a grant of {@code n} tokens at {@code t} that left {@code burst - n}: the time from which
     * Go's {@code advance} certainly returns {@code float64(burst)} again, {@link Long#MAX_VALUE} if
     * unknown. {@code nanosPerToken} is {@link #nanosPerToken(double)} of the limit.
     */
    static long fullAgainAt(long t, int n, long nanosPerToken) {
        if (n <= 0) {
            return Long.MIN_VALUE; // burst - n >= burst: full whatever the time
        }
        if (nanosPerToken == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long wait = n * nanosPerToken; // < 2^31 * 2^32: no overflow
        long at = t + wait;
        return at < t ? Long.MAX_VALUE : at;
    }

    /**
     * After a grant at {@code t} that left {@code left} tokens: a time before which Go's
     * {@code reserveN(t', n, 0)} certainly refuses every {@code n >= 1}, {@link Long#MIN_VALUE} if none is
     * known. The candidate comes from {@code nanosPerToken}; it is kept only if {@link #refuses} holds at
     * its last nanosecond, and Go's wait only shrinks as time passes, so it holds before too (and for an
     * earlier {@code t'}, where the elapsed time is zero).
     */
    static long refusedUntil(double limit, double left, long t, long nanosPerToken) {
        if (!(left < 1) || nanosPerToken == Long.MAX_VALUE) {
            return Long.MIN_VALUE;
        }
        double candidate = (1 - left) * nanosPerToken * (1 - 0x1p-20) - 8;
        if (!(candidate >= 0 && candidate < 0x1p62)) {
            return Long.MIN_VALUE;
        }
        long d = (long) candidate;
        long until = t + d + 1;
        return until > t && refuses(limit, left, 1, d) ? until : Long.MIN_VALUE;
    }
}
