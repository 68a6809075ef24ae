package io.kit4j.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Running commands: isolation, timeouts, interruption, concurrency, fallbacks, async. */
class ExecutionTest {
    static final Duration LONG = Duration.ofHours(1);

    /** A command that blocks until interrupted, and says when it started and when it saw the interrupt. */
    static final class Blocking implements Command<String> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicReference<Context> ctx = new AtomicReference<>();
        final AtomicReference<Thread> thread = new AtomicReference<>();

        @Override
        public String run(Context c) throws InterruptedException {
            ctx.set(c);
            thread.set(Thread.currentThread());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "never";
        }

        void awaitInterrupt() throws InterruptedException {
            assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the command's thread was interrupted");
        }
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 30_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    void aTimeoutInterruptsTheCommandsVirtualThreadAndCancelsItsContext() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(Duration.ofMillis(1)).build());
        CircuitBreaker cb = f.breaker();
        Blocking cmd = new Blocking();
        CommandTimeoutException e = assertThrows(CommandTimeoutException.class, () -> cb.execute(f.ctx, cmd));
        cmd.awaitInterrupt();
        assertEquals("hystrix: timeout", e.getMessage());
        assertEquals(504, ErrorInfo.of(e).status());
        assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code());
        assertInstanceOf(ContextCanceledException.class, cmd.ctx.get().err(), "the command's context is cancelled");
        assertTrue(cmd.thread.get().isVirtual());
        assertEquals("kit4j-breaker-cmd", cmd.thread.get().getName());
        cmd.thread.get().join();
        assertEquals(0, cb.concurrencyInUse(), "the permit is back once the command's thread has ended");
        assertEquals(1, cb.snapshot().count(Event.TIMEOUT));
    }

    @Test
    void theFallbackOfATimeoutReceivesTheTimeout() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(Duration.ofMillis(1)).build());
        Blocking cmd = new Blocking();
        AtomicReference<Throwable> cause = new AtomicReference<>();
        String answer = f.breaker().execute(f.ctx, cmd, (c, why) -> {
            cause.set(why);
            return "degraded";
        });
        cmd.awaitInterrupt();
        assertEquals("degraded", answer);
        assertInstanceOf(CommandTimeoutException.class, cause.get());
        Snapshot s = f.breaker().snapshot();
        assertEquals(1, s.count(Event.TIMEOUT));
        assertEquals(1, s.count(Event.FALLBACK_SUCCESS));
    }

    @Test
    void anEarlierContextDeadlineBoundsTheWaitAndIsNotAnError() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(LONG).build());
        CircuitBreaker cb = f.breaker();
        Blocking cmd = new Blocking();
        Context tight = f.ctx.withTimeout(Duration.ofMillis(1));
        DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> cb.execute(tight, cmd));
        cmd.awaitInterrupt();
        assertEquals("context deadline exceeded", e.getMessage());
        assertEquals(Duration.ofMillis(1), cmd.ctx.get().remaining().orElseThrow(), "the command sees the earlier deadline");
        Snapshot s = cb.snapshot();
        assertEquals(1, s.count(Event.CONTEXT_DEADLINE_EXCEEDED));
        assertEquals(1, s.requests());
        assertEquals(0, s.errors());
    }

    @Test
    void aContextDeadlineAloneIsEnforcedWhenTimeoutsAreOff() throws Exception {
        Fixture f = new Fixture(Settings.builder().noTimeout().build());
        Blocking cmd = new Blocking();
        assertThrows(DeadlineExceededException.class,
                () -> f.breaker().execute(f.ctx.withTimeout(Duration.ofMillis(1)), cmd));
        cmd.awaitInterrupt();
    }

    @Test
    void cancellingTheCallersContextInterruptsTheCommand() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(LONG).build());
        CircuitBreaker cb = f.breaker();
        Blocking cmd = new Blocking();
        var scope = f.ctx.withCancel();
        CompletableFuture<String> future = cb.executeAsync(scope.context(), cmd, (c, why) -> "fallback:" + why.getMessage());
        assertTrue(cmd.started.await(30, TimeUnit.SECONDS));
        scope.cancel();
        assertEquals("fallback:context canceled", future.get(30, TimeUnit.SECONDS));
        cmd.awaitInterrupt();
        assertEquals(1, cb.snapshot().count(Event.CONTEXT_CANCELED));
    }

    @Test
    void cancellingTheFutureInterruptsTheCommand() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(LONG).build());
        CircuitBreaker cb = f.breaker();
        Blocking cmd = new Blocking();
        CompletableFuture<String> future = cb.executeAsync(f.ctx, cmd);
        assertTrue(cmd.started.await(30, TimeUnit.SECONDS));
        assertTrue(future.cancel(true));
        cmd.awaitInterrupt();
        assertThrows(CancellationException.class, future::join);
        eventually(() -> cb.snapshot().count(Event.CONTEXT_CANCELED) == 1);
        cmd.thread.get().join();
        assertEquals(0, cb.concurrencyInUse());
    }

    @Test
    void aContextThatIsAlreadyDoneDoesNotRunTheCommand() throws Exception {
        Fixture f = new Fixture();
        var scope = f.ctx.withCancel();
        scope.cancel();
        List<Throwable> causes = new ArrayList<>();
        String answer = f.breaker().execute(scope.context(), c -> "ran", (c, why) -> {
            causes.add(why);
            return "fallback";
        });
        assertEquals("fallback", answer);
        assertInstanceOf(ContextCanceledException.class, causes.get(0));
        assertThrows(ContextCanceledException.class, () -> f.breaker().execute(scope.context(), c -> "ran"));
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void aCommandThatOverrunsTheTimeoutIsATimeoutEvenIfItReturns(Isolation isolation) throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(isolation).build());
        CircuitBreaker cb = f.breaker();
        assertEquals("on time", cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(1000));
            return "on time";
        }), "exactly the timeout is still in time");
        AtomicReference<Throwable> cause = new AtomicReference<>();
        assertEquals("degraded", cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(1001));
            return "late";
        }, (c, why) -> {
            cause.set(why);
            return "degraded";
        }), "the late result is discarded");
        assertInstanceOf(CommandTimeoutException.class, cause.get());
        Snapshot s = cb.snapshot();
        assertEquals(1, s.count(Event.SUCCESS));
        assertEquals(1, s.count(Event.TIMEOUT));
    }

    @Test
    void sameThreadRunsOnTheCallersThreadWithTheCallersContext() throws Exception {
        Fixture f = new Fixture(Isolation.SAME_THREAD);
        Thread caller = Thread.currentThread();
        f.breaker().execute(f.ctx, c -> {
            assertSame(caller, Thread.currentThread());
            assertSame(f.ctx, c);
            return null;
        });
    }

    @Test
    void virtualThreadIsolationRunsElsewhereWithTheBreakersDeadline() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(LONG).build());
        Thread caller = Thread.currentThread();
        AtomicReference<Context> seen = new AtomicReference<>();
        f.breaker().execute(f.ctx, c -> {
            assertNotSame(caller, Thread.currentThread());
            assertTrue(Thread.currentThread().isVirtual());
            seen.set(c);
            return null;
        });
        assertEquals(LONG, seen.get().remaining().orElseThrow());
        assertNotSame(f.ctx, seen.get());
    }

    @Test
    void withNothingToEnforceVirtualThreadIsolationStaysOnTheCallersThread() throws Exception {
        Fixture f = new Fixture(Settings.builder().noTimeout().build());
        Thread caller = Thread.currentThread();
        f.breaker().execute(f.ctx, c -> {
            assertSame(caller, Thread.currentThread());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void theConcurrencyLimitRejectsAtOnceAndFollowsSettingsChanges(Isolation isolation) throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(isolation).timeout(LONG).maxConcurrentRequests(2).build());
        CircuitBreaker cb = f.breaker();
        Semaphore gate = new Semaphore(0);
        CountDownLatch started = new CountDownLatch(3);
        Command<String> held = c -> {
            started.countDown();
            gate.acquire();
            return "done";
        };
        List<CompletableFuture<String>> running = new ArrayList<>();
        running.add(cb.executeAsync(f.ctx, held));
        running.add(cb.executeAsync(f.ctx, held));
        eventually(() -> started.getCount() == 1);
        assertEquals(2, cb.concurrencyInUse());

        MaxConcurrencyException e = assertThrows(MaxConcurrencyException.class, () -> cb.execute(f.ctx, c -> "third"));
        assertEquals("hystrix: max concurrency", e.getMessage());
        assertEquals(503, ErrorInfo.of(e).status());
        assertEquals("fallback:hystrix: max concurrency", f.succeed(cb));

        cb.updateSettings(cb.settings().toBuilder().maxConcurrentRequests(3).build());
        running.add(cb.executeAsync(f.ctx, held));
        assertTrue(started.await(30, TimeUnit.SECONDS), "raised limit: the third call runs");
        assertEquals(3, cb.concurrencyInUse());

        cb.updateSettings(cb.settings().toBuilder().maxConcurrentRequests(1).build());
        assertThrows(MaxConcurrencyException.class, () -> cb.execute(f.ctx, c -> "x"));
        gate.release(1);
        CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(2, cb.concurrencyInUse());
        assertThrows(MaxConcurrencyException.class, () -> cb.execute(f.ctx, c -> "x"), "lowered limit: still over it");
        gate.release(2);
        for (CompletableFuture<String> r : running) {
            assertEquals("done", r.get(30, TimeUnit.SECONDS));
        }
        eventually(() -> cb.concurrencyInUse() == 0);
        assertEquals("ok", f.succeed(cb));
        Snapshot s = cb.snapshot();
        assertEquals(4, s.count(Event.REJECTED));
        assertEquals(4, s.count(Event.SUCCESS));
    }

    @Test
    void aFailedCommandsFallbackReceivesTheExceptionItself() throws Exception {
        Fixture f = new Fixture();
        IOException boom = new IOException("boom");
        AtomicReference<Throwable> cause = new AtomicReference<>();
        assertEquals(Integer.valueOf(42), f.breaker().<Integer>execute(f.ctx, c -> {
            throw boom;
        }, (c, why) -> {
            cause.set(why);
            return 42;
        }));
        assertSame(boom, cause.get());
    }

    @Test
    void theFallbackOfAnOpenBreakerReceivesCircuitOpen() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        AtomicReference<Throwable> cause = new AtomicReference<>();
        assertEquals("guest", cb.execute(f.ctx, c -> "shenyi", (c, why) -> {
            cause.set(why);
            return "guest";
        }));
        assertInstanceOf(CircuitOpenException.class, cause.get());
    }

    @Test
    void withoutAFallbackTheOriginalExceptionIsThrown() throws Exception {
        Fixture f = new Fixture();
        IOException boom = new IOException("boom");
        assertSame(boom, assertThrows(IOException.class, () -> f.breaker().execute(f.ctx, c -> {
            throw boom;
        })));
    }

    @Test
    void aFailingFallbackIsReportedWithHystrixGosMessageWithoutLeakingInternals() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        FallbackFailedException e = assertThrows(FallbackFailedException.class, () -> cb.execute(f.ctx, c -> {
            throw new IOException("db password wrong");
        }, (c, why) -> {
            throw new IllegalStateException("cache host 10.0.0.7 down");
        }));
        assertEquals("fallback failed with 'internal server error'. run error was 'internal server error'", e.getMessage());
        assertEquals(500, ErrorInfo.of(e).status());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertInstanceOf(IOException.class, e.runError());

        f.times(20, () -> f.fail(cb));
        FallbackFailedException open = assertThrows(FallbackFailedException.class, () -> cb.execute(f.ctx, c -> "x",
                (c, why) -> {
                    throw new RuntimeException("no cache");
                }));
        assertEquals("fallback failed with 'internal server error'. run error was 'hystrix: circuit open'", open.getMessage());
        assertEquals(503, ErrorInfo.of(open).status(), "the run error's status when the fallback declares none");
        FallbackFailedException declared = assertThrows(FallbackFailedException.class, () -> cb.execute(f.ctx,
                c -> "x", (c, why) -> {
                    throw KitError.notFound("no cached copy");
                }));
        assertEquals(404, ErrorInfo.of(declared).status());
    }

    @Test
    void aFallbackThatRethrowsTheCausePassesItOnUnchanged() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> cb.execute(f.ctx, c -> "x",
                (c, why) -> {
                    throw (CircuitOpenException) why;
                }));
        assertEquals("hystrix: circuit open", e.getMessage());
        assertEquals(20, cb.snapshot().count(Event.FALLBACK_SUCCESS));
        assertEquals(1, cb.snapshot().count(Event.FALLBACK_FAILURE));
    }

    @Test
    void anErrorIsAFailureAndSkipsTheFallback() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        assertThrows(AssertionError.class, () -> cb.execute(f.ctx, c -> {
            throw new AssertionError("bug");
        }, (c, why) -> "fallback"));
        Snapshot s = cb.snapshot();
        assertEquals(1, s.count(Event.FAILURE));
        assertEquals(0, s.count(Event.FALLBACK_SUCCESS));
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void asyncCompletesWithTheResultOrTheFailure(Isolation isolation) throws Exception {
        Fixture f = new Fixture(isolation);
        CircuitBreaker cb = f.breaker();
        assertEquals("yes", cb.executeAsync(f.ctx, c -> "yes").get(30, TimeUnit.SECONDS));
        IOException boom = new IOException("boom");
        ExecutionException e = assertThrows(ExecutionException.class, () -> cb.executeAsync(f.ctx, c -> {
            throw boom;
        }).get(30, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
        assertEquals("degraded", cb.executeAsync(f.ctx, c -> {
            throw boom;
        }, (c, why) -> "degraded").get(30, TimeUnit.SECONDS));
    }

    @Test
    void aCommandsInterruptedExceptionIsPassedOnNotSwallowedByTheFallback() throws Exception {
        Fixture f = new Fixture(Isolation.SAME_THREAD);
        CircuitBreaker cb = f.breaker();
        AtomicReference<Throwable> fallbackSaw = new AtomicReference<>();
        assertThrows(InterruptedException.class, () -> cb.execute(f.ctx, c -> {
            throw new InterruptedException("caller interrupted");
        }, (c, why) -> {
            fallbackSaw.set(why);
            return "swallowed";
        }));
        assertEquals(null, fallbackSaw.get());
        Snapshot s = cb.snapshot();
        assertEquals(1, s.count(Event.CONTEXT_CANCELED));
        assertEquals(0, s.errors());
    }

    @Test
    void anInterruptedCallerGetsInterruptedExceptionAndTheCommandIsInterrupted() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(LONG).build());
        CircuitBreaker cb = f.breaker();
        Blocking cmd = new Blocking();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                cb.execute(f.ctx, cmd, (c, why) -> "fallback must not run");
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertTrue(cmd.started.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        cmd.awaitInterrupt();
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(1, cb.snapshot().count(Event.CONTEXT_CANCELED));
        assertFalse(cb.snapshot().count(Event.FALLBACK_SUCCESS) > 0);
    }
}
