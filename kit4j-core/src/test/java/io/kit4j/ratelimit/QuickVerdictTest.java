package io.kit4j.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks every answer of {@link QuickVerdict} against Go's exact operations ({@link GoTime}, which
 * {@link XTimeRateGoldenTest} checks against x/time/rate) on millions of random cases, most of them
 * within a few units in the last place of the boundary the quick answer must not cross: a quick
 * "fills" must mean that Go's clipped sum is exactly the burst, a quick "refuses" that Go's wait is
 * positive. Also checks that the quick answers are given in most cases away from the boundary.
 */
class QuickVerdictTest {
    private static final int CASES = 2_000_000;
    private static final double[] LIMITS = {1e9, 1e6, 1234.5678, 10, 1, 0.7692307692307693, 0.5, 1e-3,
        GoTime.every(3_000_000), GoTime.every(7_000_000_000L / 3), 1e300, 1e-300, Double.MIN_VALUE, 0, -1,
        Double.MAX_VALUE / 2, 1e18};
    private static final int[] BURSTS = {0, 1, 2, 3, 10, 100, 1_000_000_000, Integer.MAX_VALUE, -1};

    /** Go's advance from last = 0 to t = d (d >= 0): the refill, clipped to the burst. */
    static double advance(double limit, int burst, double tokens, long d) {
        double sum = tokens + GoTime.tokensFromDuration(limit, d);
        return sum > burst ? burst : sum;
    }

    /** Go's reserveN(t, n, 0) wait after d nanoseconds from tokens: 0 if granted. */
    static long refusal(double limit, int burst, double tokens, int n, long d) {
        if (n > burst) {
            return GoTime.INF_DURATION;
        }
        double left = advance(limit, burst, tokens, d) - n;
        long wait = left < 0 ? GoTime.durationFromTokens(limit, -left) : 0;
        return wait > 0 ? wait : 0;
    }

    static long elapsed(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> r.nextInt(3);
            case 1 -> r.nextLong(1_000);
            case 2 -> r.nextLong(1_000_000_000L);
            case 3 -> r.nextLong(1_000_000_000_000L);
            case 4 -> r.nextLong(Long.MAX_VALUE);
            case 5 -> Long.MAX_VALUE - r.nextInt(3);
            default -> (long) Math.pow(10, r.nextDouble() * 18.9);
        };
    }

    static double limit(SplittableRandom r) {
        return r.nextBoolean() ? LIMITS[r.nextInt(LIMITS.length)] : Math.pow(10, r.nextDouble(-4, 12));
    }

    /** tokens near the edge: moved by a few ulps (or a few tokens) from {@code edge}. */
    static double near(SplittableRandom r, double edge) {
        double x = edge;
        switch (r.nextInt(4)) {
            case 0 -> {
                for (int i = r.nextInt(-40, 41); i != 0; i += i < 0 ? 1 : -1) {
                    x = i < 0 ? Math.nextDown(x) : Math.nextUp(x);
                }
            }
            case 1 -> x = edge * (1 + r.nextDouble(-1e-12, 1e-12));
            case 2 -> x = edge + r.nextDouble(-3, 3);
            default -> x = r.nextDouble(-2, 2) * Math.max(1, Math.abs(edge));
        }
        return x;
    }

    @Test
    void fillsOnlyWhenGoClipsToTheBurst() {
        SplittableRandom r = new SplittableRandom(1);
        int quick = 0;
        int full = 0;
        for (int i = 0; i < CASES; i++) {
            double limit = limit(r);
            int burst = BURSTS[r.nextInt(BURSTS.length)];
            long d = elapsed(r);
            // Around the tokens that the exact refill brings exactly to the burst.
            double tokens = near(r, burst - GoTime.tokensFromDuration(limit, d));
            double exact = advance(limit, burst, tokens, d);
            boolean isFull = Double.doubleToRawLongBits(exact) == Double.doubleToRawLongBits(burst);
            full += isFull ? 1 : 0;
            if (QuickVerdict.fills(limit, tokens, burst, d)) {
                quick++;
                assertTrue(isFull, () -> "fills(" + limit + ", " + tokens + ", " + burst + ", " + d + ") but Go's"
                        + " advance gives " + exact);
            }
        }
        assertTrue(quick > full * 0.8, "quick answers " + quick + " of " + full + " full buckets");
    }

    @Test
    void refusesOnlyWhenGoWaits() {
        SplittableRandom r = new SplittableRandom(2);
        int quick = 0;
        int clear = 0;
        int clearQuick = 0;
        for (int i = 0; i < CASES; i++) {
            double limit = limit(r);
            int burst = BURSTS[r.nextInt(BURSTS.length)];
            int n = r.nextInt(5) == 0 ? r.nextInt(-2, 4) : 1;
            long d = elapsed(r);
            // Around the tokens that leave a wait of about 0 to 5 ns after the refill.
            double refill = GoTime.tokensFromDuration(limit, d);
            double tokens = near(r, n - refill - r.nextInt(6) * limit * 1e-9);
            long exact = refusal(limit, burst, tokens, n, d);
            // Clear refusals: a wait of a millisecond or more after a refill of practical size (a refill of
            // 1e15 tokens against a debt of as many is only known within a few tokens).
            boolean isClear = exact >= 1_000_000 && n <= burst && d > 0 && limit >= 1e-4 && refill < 1e6;
            clear += isClear ? 1 : 0;
            if (QuickVerdict.refuses(limit, tokens, n, d)) {
                quick++;
                clearQuick += isClear ? 1 : 0;
                assertNotEquals(0, exact, () -> "refuses(" + limit + ", " + tokens + ", " + n + ", " + d
                        + ") but Go grants");
            }
        }
        assertTrue(quick > CASES / 10, "quick answers " + quick);
        assertEquals(clear, clearQuick, "quick answers to clear refusals");
    }

    @Test
    void fullAgainAtIsWhenGoRefillsTheTokensTaken() {
        SplittableRandom r = new SplittableRandom(3);
        int known = 0;
        for (int i = 0; i < CASES; i++) {
            double limit = limit(r);
            int burst = BURSTS[r.nextInt(BURSTS.length)];
            int n = r.nextInt(4) == 0 ? r.nextInt(-2, 50) : 1;
            long t = r.nextBoolean() ? r.nextLong() : r.nextLong(-1_000_000_000L, 1_000_000_000L);
            long at = QuickVerdict.fullAgainAt(t, n, QuickVerdict.nanosPerToken(limit));
            if (at == Long.MAX_VALUE) {
                continue;
            }
            known++;
            double left = (double) burst - n;
            // Go's elapsed time from last = t to a time t' >= at (t' < t adds nothing).
            long wait = at - t;
            long d = wait <= 0 ? r.nextLong(3) : wait + (r.nextBoolean() ? 0 : r.nextLong(1_000_000));
            if (wait > 0 && t + d < t) {
                continue;
            }
            double exact = advance(limit, burst, left, d);
            assertEquals(Double.doubleToRawLongBits((double) burst), Double.doubleToRawLongBits(exact),
                    () -> "fullAgainAt(" + t + ", " + n + ") with limit " + limit + ", burst " + burst
                            + ": Go's advance after " + d + " ns gives " + exact);
        }
        assertTrue(known > CASES / 2, "known " + known);
    }

    @Test
    void refusedUntilHoldsForEveryEarlierTime() {
        SplittableRandom r = new SplittableRandom(4);
        int known = 0;
        for (int i = 0; i < CASES; i++) {
            double limit = limit(r);
            int burst = BURSTS[r.nextInt(BURSTS.length)];
            double left = r.nextBoolean() ? r.nextInt(-3, 2) : near(r, r.nextDouble(-5, 1));
            long t = r.nextBoolean() ? r.nextLong() : r.nextLong(-1_000_000_000L, 1_000_000_000L);
            long until = QuickVerdict.refusedUntil(limit, left, t, QuickVerdict.nanosPerToken(limit));
            if (until == Long.MIN_VALUE) {
                continue;
            }
            known++;
            assertTrue(until > t, "until after t");
            long last = until - 1 - t;
            long d = switch (r.nextInt(3)) {
                case 0 -> last;
                case 1 -> 0;
                default -> r.nextLong(last + 1);
            };
            int n = r.nextInt(4) == 0 ? r.nextInt(2, 10) : 1;
            assertNotEquals(0, refusal(limit, burst, left, n, d), () -> "refusedUntil(" + limit + ", " + left + ", "
                    + t + ") = " + until + " but Go grants " + n + " after " + d + " ns");
        }
        assertTrue(known > CASES / 4, "known " + known);
    }
}
