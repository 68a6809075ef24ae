package io.kit4j.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * x/time/rate's {@code WaitN} rules as {@code awaitN}. Outcomes are asserted, never durations: limiters
 * on a manual clock make the reservations exact, and the one real wait is short.
 */
class AwaitTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void failsAtOnceWhenNExceedsTheBurst() {
        Limiter lim = Limiter.of(Limit.of(10), 3, clock);
        RateLimitException e = assertThrows(RateLimitException.class, () -> lim.awaitN(Context.background(clock), 4));
        assertEquals("rate: Wait(n=4) exceeds limiter's burst 3", e.getMessage());
        assertEquals(429, e.status());
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals(Map.of(), e.headers());
        assertEquals(Optional.empty(), e.retryAfter());
        assertEquals(3.0, lim.tokens(), "nothing taken");
    }

    @Test
    void failsWithTheContextErrorWhenAlreadyDone() {
        Limiter lim = Limiter.of(Limit.of(10), 3, clock);
        Cancellable c = Context.background(clock).withCancel();
        c.cancel();
        assertThrows(ContextCanceledException.class, () -> lim.await(c.context()));
        Context expired = Context.background(clock).withTimeout(Duration.ZERO);
        assertThrows(DeadlineExceededException.class, () -> lim.await(expired));
        assertEquals(3.0, lim.tokens(), "nothing taken");
    }

    @Test
    void failsAtOnceWhenTheWaitWouldPassTheDeadline() throws Exception {
        Limiter lim = Limiter.of(Limit.of(10), 3, clock);
        Context ctx = Context.background(clock).withTimeout(Duration.ofMillis(100));
        lim.awaitN(ctx, 2); // tokens left: 1
        RateLimitException e = assertThrows(RateLimitException.class, () -> lim.awaitN(ctx, 3));
        assertEquals("rate: Wait(n=3) would exceed context deadline", e.getMessage());
        assertEquals(Optional.of(Duration.ofMillis(200)), e.retryAfter(), "the wait it would have needed");
        assertEquals(Map.of("Retry-After", List.of("1")), e.headers());
        assertEquals(1.0, lim.tokens(), "the reservation was not made");
    }

    @Test
    void aWaitThatEndsExactlyAtTheDeadlineIsAllowed() throws Exception {
        Limiter lim = Limiter.of(Limit.of(10), 1, clock);
        assertTrue(lim.allow());
        Context ctx = Context.background(clock).withTimeout(Duration.ofMillis(100));
        lim.await(ctx); // needs exactly the 100 ms left: waits them (in real time) and succeeds
        assertEquals(-1.0, lim.tokens(), "the token was taken on the manual clock's time line");
    }

    @Test
    void limitZeroFailsFastWithADeadlineAndHasNoRetryAfter() throws Exception {
        Limiter lim = Limiter.of(Limit.of(0), 1, clock);
        Context ctx = Context.background(clock).withTimeout(Duration.ofHours(1));
        lim.await(ctx);
        RateLimitException e = assertThrows(RateLimitException.class, () -> lim.await(ctx));
        assertEquals("rate: Wait(n=1) would exceed context deadline", e.getMessage());
        assertEquals(Map.of(), e.headers(), "the wait is infinite: no Retry-After");
    }

    @Test
    void infiniteLimitNeverWaitsWhateverTheBurst() throws Exception {
        Limiter lim = Limiter.of(Limit.inf(), 0, clock);
        lim.awaitN(Context.background(clock), 3);
        lim.await(Context.background(clock));
        assertEquals(0.0, lim.tokens());
    }

    @Test
    void noWaitWhileTokensRemain() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofHours(1)), 2, clock);
        lim.await(Context.background(clock));
        lim.await(Context.background(clock));
        assertEquals(0.0, lim.tokens());
    }

    @Test
    void cancellationWakesTheWaiterAndGivesTheTokensBack() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofHours(1)), 1, clock);
        assertTrue(lim.allow());
        Cancellable c = Context.background(clock).withCancel();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                lim.await(c.context());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        awaitTokensBelow(lim, 0); // the waiter holds a reservation for an hour from now
        assertEquals(-1.0, lim.tokens());
        c.cancel();
        waiter.join(Duration.ofSeconds(30));
        assertFalse(waiter.isAlive(), "cancellation woke the waiter");
        assertInstanceOf(ContextCanceledException.class, failure.get());
        assertEquals(0.0, lim.tokens(), "the reserved token came back");
    }

    @Test
    void anInterruptWakesTheWaiterAndGivesTheTokensBack() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofHours(1)), 1, clock);
        assertTrue(lim.allow());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                lim.await(Context.background(clock));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        awaitTokensBelow(lim, 0);
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(30));
        assertFalse(waiter.isAlive());
        assertInstanceOf(InterruptedException.class, failure.get());
        assertEquals(0.0, lim.tokens());
    }

    @Test
    void succeedsAfterAShortRealWait() throws Exception {
        Limiter lim = Limiter.of(Limit.of(50), 1); // system clock: each further event is due 20 ms later
        Context ctx = Context.background().withTimeout(Duration.ofSeconds(30));
        lim.await(ctx);
        lim.await(ctx);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                lim.await(Context.background());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        waiter.join(Duration.ofSeconds(30));
        assertFalse(waiter.isAlive(), "a virtual thread waited and went on");
        assertEquals(null, failure.get());
    }

    private static void awaitTokensBelow(Limiter lim, double level) throws InterruptedException {
        for (int i = 0; i < 30_000 && lim.tokens() >= level; i++) {
            Thread.sleep(1);
        }
        assertTrue(lim.tokens() < level, "the waiter reserved its tokens");
    }
}
