package io.kit4j.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rules of x/time/rate, table by table (in the spirit of its rate_test.go), at exact times: t_k is
 * k * 100 ms, in nanoseconds on the limiter's time line. Expected delays are exact nanoseconds (the
 * golden table of {@link XTimeRateGoldenTest} confirms the same numbers from Go). The last tests cover
 * what the current x/time/rate does differently from the v0.3.0 that produced the golden table.
 */
class LimiterTest {
    static final long D = 100_000_000L;
    static final long INF = Long.MAX_VALUE;

    static long t(long k) {
        return k * D;
    }

    static Limiter limiter(double limit, int burst) {
        return Limiter.of(Limit.of(limit), burst, new ManualClock());
    }

    /** Checks allowN(t_k, n) for each {k, n, ok} row. */
    static void allows(Limiter lim, long[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            long[] row = rows[i];
            assertEquals(row[2] == 1, lim.allowN(t(row[0]), (int) row[1]), "step " + i);
        }
    }

    /** reserveN(t_k, n): checks OK and the delay from t_k in nanoseconds. */
    static Reservation reserve(Limiter lim, long k, int n, boolean ok, long delay) {
        Reservation r = lim.reserveN(t(k), n);
        assertEquals(ok, r.ok(), "ok of reserveN(t" + k + ", " + n + ")");
        assertEquals(delay, r.delayNanosFrom(t(k)), "delay of reserveN(t" + k + ", " + n + ")");
        return r;
    }

    @Test
    void startsFullAndCountsFractionalRefill() {
        Limiter lim = limiter(10, 3);
        assertEquals(3.0, lim.tokensAt(0));
        assertTrue(lim.allowN(0, 3));
        assertEquals(0.0, lim.tokensAt(0));
        assertEquals(0.5, lim.tokensAt(50_000_000));
        assertEquals(3.0, lim.tokensAt(t(100)), "refill stops at the burst");
        assertEquals(Limit.of(10), lim.limit());
        assertEquals(3, lim.burst());
    }

    @Test
    void burstOne() {
        allows(limiter(10, 1), new long[][] {
            {0, 1, 1}, {0, 1, 0}, {0, 1, 0}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0},
            {2, 2, 0}, // n above the burst always fails
            {2, 1, 1}, {2, 1, 0}});
    }

    @Test
    void burstThree() {
        allows(limiter(10, 3), new long[][] {
            {0, 2, 1}, {0, 2, 0}, {0, 1, 1}, {0, 1, 0}, {1, 4, 0}, {2, 1, 1}, {3, 1, 1}, {4, 1, 1},
            {4, 1, 1}, {4, 1, 0}, {4, 1, 0}, {9, 3, 1}, {9, 0, 1}});
    }

    @Test
    void jumpingBackInTimeAddsNothingThenCountsFromTheEarlierTime() {
        allows(limiter(10, 3), new long[][] {
            {1, 1, 1}, // start at t1
            {0, 1, 1}, // back to t0: two tokens remain, last moves back to t0
            {0, 1, 1}, {0, 1, 0}, {0, 1, 0},
            {1, 1, 1}, // t0 -> t1 refills one token
            {1, 1, 0}, {1, 1, 0}, {2, 1, 1}, {2, 1, 0}, {2, 1, 0}});
    }

    @Test
    void noTruncationErrors() {
        assertTrue(Limiter.of(0.7692307692307693, 1).allow());
    }

    @Test
    void reservationsQueueUp() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        reserve(lim, 0, 2, true, t(2));
        reserve(lim, 3, 2, true, t(1));
        assertEquals(-1.0, lim.tokensAt(t(3)), "tokens go negative while reservations are outstanding");
    }

    @Test
    void mixOfReserveAndAllow() {
        Limiter lim = limiter(10, 2);
        Reservation tooMany = reserve(lim, 0, 3, false, INF);
        assertEquals(Limiter.INF_DURATION, tooMany.delayFrom(0));
        reserve(lim, 0, 2, true, 0);
        assertFalse(lim.allowN(t(1), 2), "not enough tokens");
        reserve(lim, 1, 2, true, t(1));
        assertFalse(lim.allowN(t(1), 1), "negative tokens");
        assertTrue(lim.allowN(t(3), 1));
    }

    @Test
    void cancelOfARefusedReservationDoesNothing() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        reserve(lim, 0, 3, false, INF).cancelAt(0);
        reserve(lim, 0, 2, true, t(2));
    }

    @Test
    void cancelOfTheLastReservationGivesAllBack() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        reserve(lim, 0, 2, true, t(2)).cancelAt(t(1));
        reserve(lim, 1, 2, true, t(1));
    }

    @Test
    void cancelAfterTheTimeToActDoesNothing() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        reserve(lim, 0, 2, true, t(2)).cancelAt(t(3));
        reserve(lim, 3, 2, true, t(1));
    }

    @Test
    void cancelGivesBackNothingWhenLaterReservationsHoldItsTokens() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        Reservation r = reserve(lim, 0, 1, true, t(1));
        reserve(lim, 0, 1, true, t(2));
        r.cancelAt(0);
        reserve(lim, 0, 1, true, t(3));
    }

    @Test
    void cancelGivesBackTheTokensNotReservedAfterIt() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        Reservation r = reserve(lim, 0, 2, true, t(2));
        reserve(lim, 0, 1, true, t(3));
        r.cancelAt(t(2)); // one token back: the later reservation keeps the other
        reserve(lim, 2, 2, true, t(2));
    }

    @Test
    void cancelOfSeveralReservations() {
        Limiter lim = limiter(10, 4);
        reserve(lim, 0, 4, true, 0);
        Reservation a = reserve(lim, 0, 3, true, t(3));
        reserve(lim, 0, 1, true, t(4));
        Reservation c = reserve(lim, 0, 1, true, t(5));
        c.cancelAt(t(1)); // 1 back, and lastEvent rolls back to t4
        a.cancelAt(t(1)); // 2 back, as if c had never been reserved
        reserve(lim, 1, 3, true, t(4));
    }

    @Test
    void reservationsAtEarlierTimes() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 1, 2, true, 0);
        reserve(lim, 0, 1, true, t(1)); // the limit and burst are violated, as in Go
        reserve(lim, 2, 2, true, t(1));

        Limiter lim2 = limiter(10, 2);
        reserve(lim2, 1, 2, true, 0);
        Reservation r = reserve(lim2, 1, 2, true, t(2));
        reserve(lim2, 1, 1, true, t(3));
        r.cancelAt(0); // cancel at t0: one token back
        reserve(lim2, 1, 2, true, t(3));
    }

    @Test
    void setLimitAndSetBurstMidStream() {
        Limiter lim = limiter(5, 2);
        reserve(lim, 0, 2, true, 0);
        reserve(lim, 0, 2, true, t(4));
        lim.setLimitAt(t(2), Limit.of(10));
        reserve(lim, 2, 1, true, t(2)); // the earlier reservation keeps its time at the old rate
        assertEquals(Limit.of(10), lim.limit());

        Limiter lim2 = limiter(5, 2);
        reserve(lim2, 0, 2, true, 0);
        reserve(lim2, 0, 2, true, t(4));
        lim2.setBurstAt(t(3), 4);
        reserve(lim2, 0, 4, true, t(9));
        assertEquals(4, lim2.burst());

        Limiter lim3 = limiter(5, 2);
        reserve(lim3, 0, 2, true, 0);
        Reservation r = reserve(lim3, 0, 2, true, t(4));
        lim3.setLimitAt(t(2), Limit.of(10));
        r.cancelAt(t(2)); // 2 tokens back
        reserve(lim3, 2, 2, true, t(1));
    }

    @Test
    void setBurstNeitherRefillsNorKeepsTokensAboveTheNewBurst() {
        Limiter lim = limiter(10, 2);
        assertTrue(lim.allowN(0, 2));
        lim.setBurstAt(0, 10);
        assertEquals(0.0, lim.tokensAt(0));
        assertEquals(10.0, lim.tokensAt(t(10)));
        lim.setBurstAt(t(10), 3);
        assertEquals(3.0, lim.tokensAt(t(10)));
    }

    @Test
    void nAboveTheBurstIsNeverGrantedWithAFiniteLimit() {
        Limiter lim = limiter(1000, 3);
        assertFalse(lim.allowN(0, 4));
        Reservation r = lim.reserveN(0, 4);
        assertFalse(r.ok());
        assertEquals(INF, r.delayNanosFrom(0));
        r.cancelAt(0);
        assertEquals(3.0, lim.tokensAt(0), "a refused request changes nothing");
    }

    @Test
    void burstZeroAllowsNothingButZeroTokens() {
        Limiter lim = limiter(10, 0);
        assertFalse(lim.allowN(0, 1));
        assertFalse(lim.allowN(t(100), 1));
        assertFalse(lim.reserveN(0, 1).ok());
        assertTrue(lim.allowN(0, 0));
    }

    @Test
    void infiniteLimitIgnoresTheBurstAndTheState() {
        Limiter lim = Limiter.of(Limit.inf(), 0, new ManualClock());
        assertTrue(lim.allowN(0, 1_000_000));
        Reservation r = lim.reserveN(0, 5);
        assertTrue(r.ok());
        assertEquals(0, r.delayNanosFrom(0));
        assertEquals(0.0, lim.tokensAt(0));
        assertTrue(Limit.inf().isInf());
        assertSame(Limit.INF, Limit.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Limit.of(Double.NaN));
    }

    @Test
    void everyConvertsAnIntervalToARate() {
        assertSame(Limit.INF, Limit.every(Duration.ZERO));
        assertSame(Limit.INF, Limit.every(Duration.ofNanos(-1)));
        assertEquals(0.5, Limit.every(Duration.ofSeconds(2)).perSecond());
        assertEquals(4.0, Limit.every(Duration.ofMillis(250)).perSecond());
        assertEquals(9.999999999999999e8, Limit.every(Duration.ofNanos(1)).perSecond(), "1 / 1e-9, as Go computes it");
        Limiter lim = Limiter.of(Limit.every(Duration.ofMillis(250)), 1, new ManualClock());
        assertTrue(lim.allowN(0, 1));
        assertFalse(lim.allowN(249_999_998, 1));
        // 0.999999996 tokens: the missing 4e-9 token is worth 0.99... ns, which Go truncates to a wait
        // of 0, so the event is allowed 1 ns early (Go prints the same).
        assertTrue(lim.allowN(249_999_999, 1));
        assertFalse(lim.allowN(250_000_000, 1));
    }

    @Test
    void explicitAndClockFormsAgree() {
        ManualClock clock = new ManualClock();
        Limiter lim = Limiter.of(Limit.of(10), 1, clock);
        assertEquals(0, lim.now());
        assertTrue(lim.allow());
        assertFalse(lim.allow());
        Reservation r = lim.reserve();
        assertEquals(Duration.ofMillis(100), r.delay());
        clock.advance(Duration.ofMillis(40));
        assertEquals(Duration.ofMillis(60), r.delay());
        assertEquals(-0.6, lim.tokens(), 1e-12);
        r.cancel();
        assertEquals(0.4, lim.tokens(), 1e-12);
        lim.setLimit(Limit.of(20));
        lim.setBurst(5);
        assertEquals(Limit.of(20), lim.limit());
        assertEquals(5, lim.burst());
    }

    @Test
    void onlyTheFirstCancelGivesTokensBack() {
        Limiter lim = limiter(10, 2);
        reserve(lim, 0, 2, true, 0);
        Reservation r = reserve(lim, 0, 2, true, t(2));
        r.cancelAt(t(1));
        assertEquals(1.0, lim.tokensAt(t(1)));
        r.cancelAt(t(1)); // Go would give the 2 tokens back again (capped at the burst)
        assertEquals(1.0, lim.tokensAt(t(1)));
    }

    // ---- the current x/time/rate where v0.3.0 (the golden table's release) differs ----

    @Test
    void limitZeroAllowsExactlyTheBurstAndReservesForever() {
        Limiter lim = limiter(0, 2);
        assertTrue(lim.allowN(0, 1));
        assertTrue(lim.allowN(t(1_000), 1));
        assertFalse(lim.allowN(t(2_000), 1), "no refill at limit 0");
        assertEquals(2, lim.burst(), "the burst is not used up (v0.3.0 decremented it)");
        Reservation r = lim.reserveN(t(2_000), 1);
        assertTrue(r.ok(), "a reservation is OK with a delay of InfDuration");
        assertEquals(INF, r.delayNanosFrom(t(2_000)));
        assertEquals(-1.0, lim.tokensAt(t(3_000)));
        r.cancelAt(t(2_001));
        assertEquals(0.0, lim.tokensAt(t(2_001)));
    }

    @Test
    void farFutureTimesStayExactBeyondTheLongRange() {
        long t0 = 5_000_000_000_000_000_000L; // t0 + InfDuration does not fit in a long
        Limiter lim = limiter(0, 1);
        assertTrue(lim.allowN(t0, 1));
        Reservation r = lim.reserveN(t0, 1);
        assertEquals(INF, r.delayNanosFrom(t0));
        assertEquals(INF - 1_000_000_000L, r.delayNanosFrom(t0 + 1_000_000_000L));
        assertEquals(INF - (Long.MAX_VALUE - t0), r.delayNanosFrom(Long.MAX_VALUE));
        r.cancelAt(t0 + 1); // lastEvent moves to t0 + 2 * InfDuration
        assertEquals(0.0, lim.tokensAt(t0 + 1));
        Reservation again = lim.reserveN(t0 + 2, 1);
        assertEquals(INF, again.delayNanosFrom(t0 + 2));
    }

    @Test
    void aNewLimiterIsFullEvenWhenItsRateCouldNotHaveFilledIt() {
        Limiter lim = limiter(1e-12, 5); // v0.3.0 started with 292 years * 1e-12 = 0.009 tokens
        assertEquals(5.0, lim.tokensAt(0));
        assertTrue(lim.allowN(0, 5));
        Limiter negative = limiter(-1, 2);
        assertTrue(negative.allowN(0, 2));
        assertFalse(negative.allowN(t(1_000), 1));
    }

    @Test
    void hugeWaitsAreCappedAtInfDuration() {
        Limiter lim = limiter(1e-9, 1); // one token per ~31.7 years; Go prints the same two delays
        assertTrue(lim.allowN(0, 1));
        Reservation r = lim.reserveN(0, 1);
        assertEquals(999_999_999_999_999_872L, r.delayNanosFrom(0));
        Reservation r2 = lim.reserveN(0, 1);
        assertEquals(1_999_999_999_999_999_744L, r2.delayNanosFrom(0));
        Limiter slower = limiter(1e-10, 1);
        assertTrue(slower.allowN(0, 1));
        assertEquals(INF, slower.reserveN(0, 1).delayNanosFrom(0), "1e19 ns is capped (v0.3.0 went negative)");
    }

    // ---- thread safety ----

    @Test
    void concurrentCallersGetExactlyTheBurst() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofHours(1)), 1_000, new ManualClock());
        AtomicInteger allowed = new AtomicInteger();
        runConcurrently(8, () -> {
            for (int j = 0; j < 500; j++) {
                if (lim.allow()) {
                    allowed.incrementAndGet();
                }
            }
        });
        assertEquals(1_000, allowed.get());
        assertEquals(0.0, lim.tokens());
    }

    @Test
    void concurrentReservationsGetDistinctTurns() throws Exception {
        Limiter lim = Limiter.of(Limit.of(1), 10, new ManualClock());
        List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
        runConcurrently(8, () -> {
            for (int j = 0; j < 100; j++) {
                delays.add(lim.reserveN(0, 1).delayNanosFrom(0));
            }
        });
        List<Long> want = new ArrayList<>();
        for (int k = 1; k <= 800; k++) {
            want.add(k <= 10 ? 0L : (k - 10) * 1_000_000_000L);
        }
        List<Long> got = new ArrayList<>(delays);
        got.sort(null);
        assertEquals(want, got);
        assertEquals(-790.0, lim.tokensAt(0));
    }

    static void runConcurrently(int threads, Runnable body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run();
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
    }
}
