package io.kit4j.sd.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import io.kit4j.sd.Endpointer;
import io.kit4j.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    final ManualClock clock = new ManualClock();
    final Context ctx = Context.background(clock);
    final List<Instant> attemptStarts = new ArrayList<>();

    /** One endpoint behind a round robin that runs {@code body} for attempt 1, 2, …. */
    Balancer<String, String> scripted(Attempt body) {
        AtomicInteger n = new AtomicInteger();
        Endpoint<String, String> e = (c, q) -> {
            attemptStarts.add(clock.now());
            return body.run(n.incrementAndGet(), c);
        };
        return new RoundRobin<>(Endpointer.fixed(List.of(e)));
    }

    @FunctionalInterface
    interface Attempt {
        String run(int n, Context c) throws Exception;
    }

    @Test
    void succeedsOnTheThirdAttempt() throws Exception {
        Endpoint<String, String> retry = Retry.retry(5, Duration.ofSeconds(1), scripted((n, c) -> {
            if (n < 3) {
                throw new IOException("attempt " + n);
            }
            return "ok on " + n;
        }));
        assertEquals("ok on 3", retry.call(ctx, "q"));
        assertEquals(3, attemptStarts.size());
    }

    @Test
    void givesUpAfterMaxAttemptsWithEveryErrorInOrder() {
        List<Exception> thrown = List.of(new IOException("refused"), KitError.resourceExhausted("busy"),
                KitError.unavailable("down for maintenance"));
        Endpoint<String, String> retry = Retry.retry(3, Duration.ofSeconds(1), scripted((n, c) -> {
            throw thrown.get(n - 1);
        }));
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals(thrown, e.rawErrors());
        assertSame(thrown.get(2), e.finalError());
        assertSame(thrown.get(2), e.getCause());
        assertEquals("down for maintenance (previously: refused; busy)", e.getMessage());
        assertEquals(503, e.status());
        assertEquals(new ErrorInfo(503, ErrorCode.UNAVAILABLE, "down for maintenance", Map.of()), ErrorInfo.of(e));
        assertEquals(3, attemptStarts.size());
    }

    @Test
    void anUndeclaredFinalErrorRevealsNothingOnTheWire() {
        Endpoint<String, String> retry = Retry.retry(2, Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IOException("10.0.0.7:8080 refused");
        }));
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals("10.0.0.7:8080 refused (previously: 10.0.0.7:8080 refused)", e.getMessage());
        assertEquals(500, e.status());
        assertEquals(ErrorInfo.INTERNAL_MESSAGE, ErrorInfo.of(e).message());
    }

    @Test
    void oneAttemptWhenMaxIsOneOrLess() {
        for (int max : new int[] {1, 0, -3}) {
            attemptStarts.clear();
            Endpoint<String, String> retry = Retry.retry(max, Duration.ofSeconds(1), scripted((n, c) -> {
                throw new IOException("only");
            }));
            RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
            assertEquals("only", e.getMessage());
            assertEquals(1, e.rawErrors().size());
            assertEquals(1, attemptStarts.size());
        }
    }

    @Test
    void theBalancersErrorCountsAsAnAttempt() {
        List<Endpoint<String, String>> none = List.of();
        Endpoint<String, String> retry = Retry.retry(3, Duration.ofSeconds(1), new RoundRobin<>(Endpointer.fixed(none)));
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals(3, e.rawErrors().size());
        e.rawErrors().forEach(raw -> assertInstanceOf(NoEndpointsException.class, raw));
        assertEquals(503, ErrorInfo.of(e).status());
        assertEquals("no endpoints available", ErrorInfo.of(e).message());
    }

    @Test
    void theCallbackSeesAttemptsFromOneAndMayStopWithAReplacement() {
        List<String> seen = new ArrayList<>();
        KitError replacement = KitError.unavailable("user service unavailable");
        RetryCallback cb = (n, err) -> {
            seen.add(n + ":" + err.getMessage());
            if (n == 1) {
                return new RetryCallback.Decision(true, new IOException("ignored while retrying"));
            }
            return RetryCallback.Decision.stop(replacement);
        };
        Endpoint<String, String> retry = Retry.retryWithCallback(Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IOException("e" + n);
        }), cb);
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals(List.of("1:e1", "2:e2"), seen);
        assertSame(replacement, e.finalError());
        assertEquals(List.of("e1", "e2"), e.rawErrors().stream().map(Exception::getMessage).toList());
        assertEquals("user service unavailable (previously: e1)", e.getMessage());
        assertEquals(503, e.status());
    }

    @Test
    void theCallbackMayStopWithTheAttemptsOwnError() {
        Endpoint<String, String> retry = Retry.retryWithCallback(Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IllegalArgumentException(n == 1 ? "retryable" : "fatal");
        }), (n, err) -> err.getMessage().equals("fatal") ? RetryCallback.Decision.stop()
                : RetryCallback.Decision.retry());
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals("fatal", e.finalError().getMessage());
        assertEquals(2, attemptStarts.size());
    }

    @Test
    void theOverallTimeoutEndsWithTheRawDeadlineErrorAndNoAttemptAfterIt() {
        List<Integer> callbacks = new ArrayList<>();
        Endpoint<String, String> retry = Retry.retryWithCallback(Duration.ofSeconds(1), scripted((n, c) -> {
            clock.advance(Duration.ofMillis(400));
            throw new IOException("slow failure " + n);
        }), (n, err) -> {
            callbacks.add(n);
            return RetryCallback.Decision.retry();
        });
        Instant start = clock.now();
        DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> retry.call(ctx, "q"));
        assertEquals("context deadline exceeded", e.getMessage());
        assertEquals(504, ErrorInfo.of(e).status());
        assertEquals(List.of(start, start.plusMillis(400), start.plusMillis(800)), attemptStarts);
        assertEquals(List.of(1, 2), callbacks); // the third failure came after the deadline
    }

    @Test
    void attemptsReceiveOneContextWhoseDeadlineCoversThemAll() throws Exception {
        List<Instant> deadlines = new ArrayList<>();
        Instant start = clock.now();
        Endpoint<String, String> retry = Retry.retry(3, Duration.ofSeconds(2), scripted((n, c) -> {
            deadlines.add(c.deadline().orElseThrow());
            clock.advance(Duration.ofMillis(100));
            if (n < 3) {
                throw new IOException("again");
            }
            return "ok";
        }));
        assertEquals("ok", retry.call(ctx, "q"));
        assertEquals(List.of(start.plusSeconds(2), start.plusSeconds(2), start.plusSeconds(2)), deadlines);
    }

    @Test
    void anEarlierDeadlineOfTheCallerWins() {
        List<Instant> deadlines = new ArrayList<>();
        Endpoint<String, String> retry = Retry.retry(5, Duration.ofSeconds(2), scripted((n, c) -> {
            deadlines.add(c.deadline().orElseThrow());
            clock.advance(Duration.ofMillis(100));
            throw new IOException("again");
        }));
        Context tight = ctx.withTimeout(Duration.ofMillis(150));
        Instant callerDeadline = tight.deadline().orElseThrow();
        assertThrows(DeadlineExceededException.class, () -> retry.call(tight, "q"));
        assertEquals(List.of(callerDeadline, callerDeadline), deadlines);
    }

    @Test
    void anExpiredContextStartsNoAttempt() {
        Endpoint<String, String> retry = Retry.retry(3, Duration.ZERO, scripted((n, c) -> "never"));
        assertThrows(DeadlineExceededException.class, () -> retry.call(ctx, "q"));
        assertEquals(List.of(), attemptStarts);
    }

    @Test
    void cancellationEndsTheRetriesWithTheRawCancellation() {
        Cancellable cancellable = ctx.withCancel();
        Endpoint<String, String> retry = Retry.retry(5, Duration.ofSeconds(1), scripted((n, c) -> {
            if (n == 2) {
                cancellable.cancel();
            }
            throw new IOException("e" + n);
        }));
        assertThrows(ContextCanceledException.class, () -> retry.call(cancellable.context(), "q"));
        assertEquals(2, attemptStarts.size());
    }

    @Test
    void aResponseThatArrivesLateIsStillReturned() throws Exception {
        Endpoint<String, String> retry = Retry.retry(3, Duration.ofSeconds(1), scripted((n, c) -> {
            clock.advance(Duration.ofSeconds(5));
            return "late but here";
        }));
        assertEquals("late but here", retry.call(ctx, "q"));
    }

    @Test
    void anInterruptEndsTheRetriesAtOnce() {
        Endpoint<String, String> retry = Retry.retry(5, Duration.ofSeconds(1), scripted((n, c) -> {
            throw new InterruptedException();
        }));
        assertThrows(InterruptedException.class, () -> retry.call(ctx, "q"));
        assertEquals(1, attemptStarts.size());
    }

    @Test
    void aNullCallbackRetriesUntilTheTimeout() {
        Endpoint<String, String> retry = Retry.retryWithCallback(Duration.ofSeconds(1), scripted((n, c) -> {
            clock.advance(Duration.ofMillis(10));
            throw new IOException("e");
        }), null);
        assertThrows(DeadlineExceededException.class, () -> retry.call(ctx, "q"));
        assertEquals(100, attemptStarts.size());
    }

    @Test
    void aBalancerIsRequired() {
        assertThrows(NullPointerException.class, () -> Retry.retry(3, Duration.ofSeconds(1), null));
    }

    /** A sleeper that moves the manual clock and remembers each wait. */
    final class ClockSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();
        final List<Duration> remainingAtWait = new ArrayList<>();

        @Override
        public void sleep(Context c, Duration d) {
            waits.add(d);
            remainingAtWait.add(c.remaining().orElseThrow());
            clock.advance(d);
        }
    }

    @Test
    void backoffWaitsBetweenAttemptsOnly() throws Exception {
        ClockSleeper sleeper = new ClockSleeper();
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withRandom(() -> 1.0)
                .withSleeper(sleeper);
        Endpoint<String, String> retry = Retry.retry(3, Duration.ofSeconds(10), scripted((n, c) -> {
            throw new IOException("e" + n);
        })).withBackoff(backoff);
        RetryError e = assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals(3, e.rawErrors().size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.waits);
        Instant start = attemptStarts.get(0);
        assertEquals(List.of(start, start.plusMillis(100), start.plusMillis(300)), attemptStarts);
    }

    @Test
    void backoffNeverSleepsPastTheDeadline() {
        ClockSleeper sleeper = new ClockSleeper();
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withRandom(() -> 1.0)
                .withSleeper(sleeper);
        Endpoint<String, String> retry = Retry.retryWithCallback(Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IOException("e" + n);
        }), null).withBackoff(backoff);
        Instant start = clock.now();
        assertThrows(DeadlineExceededException.class, () -> retry.call(ctx, "q"));
        // waits 100, 200, 400 ms; the next (800 ms) would pass the deadline with 300 ms left: not made
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeper.waits);
        for (int i = 0; i < sleeper.waits.size(); i++) {
            assertTrue(sleeper.waits.get(i).compareTo(sleeper.remainingAtWait.get(i)) < 0);
        }
        assertEquals(start.plusMillis(700), clock.now());
        assertEquals(4, attemptStarts.size());
    }

    @Test
    void jitterScalesTheWait() {
        ClockSleeper sleeper = new ClockSleeper();
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withRandom(() -> 0.25)
                .withSleeper(sleeper);
        Endpoint<String, String> retry = Retry.retry(4, Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IOException("e" + n);
        })).withBackoff(backoff);
        assertThrows(RetryError.class, () -> retry.call(ctx, "q"));
        assertEquals(List.of(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)), sleeper.waits);
    }

    @Test
    void aCancellationDuringTheWaitEndsTheRetries() {
        Cancellable cancellable = ctx.withCancel();
        Sleeper cancelling = (c, d) -> cancellable.cancel();
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withSleeper(cancelling)
                .withRandom(() -> 0.5);
        Endpoint<String, String> retry = Retry.retry(5, Duration.ofSeconds(1), scripted((n, c) -> {
            throw new IOException("e" + n);
        })).withBackoff(backoff);
        assertThrows(ContextCanceledException.class, () -> retry.call(cancellable.context(), "q"));
        assertEquals(1, attemptStarts.size());
    }

    @Test
    void passesOverAnEndpointThatFailedInThisCall() throws Exception {
        List<String> calls = new ArrayList<>();
        Endpoint<String, String> dead = (c, q) -> {
            calls.add("dead");
            throw new IOException("connection refused");
        };
        Endpoint<String, String> live = (c, q) -> {
            calls.add("live");
            return "ok";
        };
        // A balancer that, like a round robin shared with other callers, offers the dead endpoint
        // again at the second pick: dead, dead, live, ...
        List<Endpoint<String, String>> offers = List.of(dead, dead, live);
        AtomicInteger next = new AtomicInteger();
        Balancer<String, String> b = () -> offers.get(Math.min(next.getAndIncrement(), offers.size() - 1));
        assertEquals("ok", Retry.retry(2, Duration.ofSeconds(1), b).call(ctx, "q"));
        assertEquals(List.of("dead", "live"), calls);
        assertEquals(3, next.get(), "the balancer was asked again instead of retrying the dead endpoint");
    }

    @Test
    void triesAFailedEndpointAgainWhenTheBalancerOffersNoOther() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Endpoint<String, String> only = (c, q) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("busy");
            }
            return "ok";
        };
        Balancer<String, String> b = () -> {
            asks.incrementAndGet();
            return only;
        };
        assertEquals("ok", Retry.retry(3, Duration.ofSeconds(1), b).call(ctx, "q"));
        assertEquals(3, calls.get());
        assertTrue(asks.get() <= 1 + 4 + 6, "a bounded number of asks: " + asks.get());
    }
}
