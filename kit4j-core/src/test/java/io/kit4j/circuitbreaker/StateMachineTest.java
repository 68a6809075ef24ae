package io.kit4j.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every transition of the state machine, driven by a manual clock. */
class StateMachineTest {
    static final Duration SLEEP = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void volumeBelowThresholdNeverOpens(Isolation isolation) throws Exception {
        Fixture f = new Fixture(isolation);
        CircuitBreaker cb = f.breaker();
        f.times(19, () -> assertEquals("fallback:boom", f.fail(cb)));
        assertEquals(State.CLOSED, cb.state());
        assertEquals(100, cb.snapshot().errorPercentage());
        AtomicInteger ran = new AtomicInteger();
        cb.execute(f.ctx, c -> ran.incrementAndGet());
        assertEquals(1, ran.get(), "a closed breaker runs the command");
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void opensAtExactlyTheVolumeAndErrorThresholds(Isolation isolation) throws Exception {
        Fixture f = new Fixture(isolation);
        CircuitBreaker cb = f.breaker();
        f.times(10, () -> f.succeed(cb));
        f.times(9, () -> f.fail(cb));
        assertEquals(State.CLOSED, cb.state(), "19 requests: below the volume threshold");
        f.fail(cb);
        assertEquals(State.OPEN, cb.state(), "20 requests, 10 errors = 50%: both thresholds reached");

        AtomicInteger ran = new AtomicInteger();
        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> cb.execute(f.ctx, c -> ran.incrementAndGet()));
        assertEquals(0, ran.get(), "an open breaker does not run the command");
        assertEquals("hystrix: circuit open", e.getMessage());
        assertEquals("cmd", e.breakerName());
        assertEquals(503, ErrorInfo.of(e).status());
        assertEquals(List.of(new StateChange("cmd", State.CLOSED, State.OPEN, f.clock.now())), f.changes);
    }

    @Test
    void errorPercentageJustBelowTheThresholdStaysClosed() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(11, () -> f.succeed(cb));
        f.times(9, () -> f.fail(cb));
        assertEquals(State.CLOSED, cb.state(), "20 requests, 45%");
        f.fail(cb);
        assertEquals(State.CLOSED, cb.state(), "21 requests, 10 errors = 47.6% rounds to 48");
        f.fail(cb);
        assertEquals(State.OPEN, cb.state(), "22 requests, 11 errors = 50%");
    }

    @Test
    void errorPercentageRoundsHalfUpLikeHystrixGo() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(100, () -> f.succeed(cb));
        f.times(98, () -> f.fail(cb));
        assertEquals(49, cb.snapshot().errorPercentage(), "98/198 = 49.49%");
        assertEquals(State.CLOSED, cb.state());
        f.fail(cb);
        assertEquals(50, cb.snapshot().errorPercentage(), "99/199 = 49.75% rounds to 50");
        assertEquals(State.OPEN, cb.state());
    }

    @Test
    void aSuccessThatCompletesTheVolumeOpensOnTheNextCheck() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(10, () -> f.fail(cb));
        f.times(10, () -> f.succeed(cb));
        AtomicInteger ran = new AtomicInteger();
        assertThrows(CircuitOpenException.class, () -> cb.execute(f.ctx, c -> ran.incrementAndGet()),
                "like hystrix-go, the breaker is checked before each request");
        assertEquals(0, ran.get());
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void oneProbePerSleepWindowAndItsSuccessClosesAndResets(Isolation isolation) throws Exception {
        Fixture f = new Fixture(isolation);
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        assertEquals(State.OPEN, cb.state());
        Instant opened = f.clock.now();

        f.advance(SLEEP);
        assertEquals("fallback:hystrix: circuit open", f.succeed(cb), "exactly one sleep window later: still short-circuited");
        f.advance(Duration.ofNanos(1));
        AtomicReference<State> during = new AtomicReference<>();
        AtomicReference<String> nested = new AtomicReference<>();
        String answer = cb.execute(f.ctx, c -> {
            during.set(cb.state());
            nested.set(f.succeed(cb));
            return "probe ok";
        });
        assertEquals("probe ok", answer);
        assertEquals(State.HALF_OPEN, during.get());
        assertEquals("fallback:hystrix: circuit open", nested.get(), "only one probe at a time");
        assertEquals(State.CLOSED, cb.state());

        Snapshot s = cb.snapshot();
        assertEquals(1, s.requests(), "closing clears the window; the probe's success is the first request of the new one");
        assertEquals(1, s.count(Event.SUCCESS));
        assertEquals(0, s.errors());
        Instant probed = opened.plus(SLEEP).plusNanos(1);
        assertEquals(List.of(
                new StateChange("cmd", State.CLOSED, State.OPEN, opened),
                new StateChange("cmd", State.OPEN, State.HALF_OPEN, probed),
                new StateChange("cmd", State.HALF_OPEN, State.CLOSED, probed)), f.changes);
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void aFailedProbeKeepsItOpenAndTheNextProbeWaitsAFullSleepWindow(Isolation isolation) throws Exception {
        Fixture f = new Fixture(isolation);
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        f.advance(SLEEP.plusMillis(1));
        AtomicInteger ran = new AtomicInteger();
        assertEquals("fallback:boom", cb.execute(f.ctx, c -> {
            ran.incrementAndGet();
            throw new java.io.IOException("boom");
        }, (c, cause) -> "fallback:" + cause.getMessage()));
        assertEquals(1, ran.get());
        assertEquals(State.OPEN, cb.state());
        Instant probed = f.clock.now();

        f.advance(SLEEP);
        assertEquals("fallback:hystrix: circuit open", f.succeed(cb), "a sleep window from the failed probe, not more");
        f.advance(Duration.ofNanos(1));
        assertEquals("ok", f.succeed(cb));
        assertEquals(State.CLOSED, cb.state());
        assertEquals(List.of(State.OPEN, State.HALF_OPEN, State.OPEN, State.HALF_OPEN, State.CLOSED),
                f.changes.stream().map(StateChange::to).toList());
        assertEquals(probed, f.changes.get(2).at());
    }

    @Test
    void aTimedOutProbeReopens() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).build());
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        f.advance(SLEEP.plusMillis(1));
        assertThrows(CommandTimeoutException.class, () -> cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(1001));
            return "late";
        }));
        assertEquals(State.OPEN, cb.state());
    }

    @Test
    void aProbeThatNeverReturnsDoesNotBlockTheNextProbeAfterAnotherSleepWindow() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).noTimeout().build());
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        f.advance(SLEEP.plusMillis(1));
        AtomicReference<String> second = new AtomicReference<>();
        AtomicReference<String> third = new AtomicReference<>();
        cb.execute(f.ctx, c -> {
            third.set(f.succeed(cb));
            f.advance(SLEEP.plusMillis(1));
            second.set(f.succeed(cb));
            return "slow probe";
        });
        assertEquals("fallback:hystrix: circuit open", third.get());
        assertEquals("ok", second.get(), "hystrix-go lets another probe through once the sleep window passes again");
        assertEquals(State.CLOSED, cb.state());
    }

    @Test
    void shortCircuitsAndRejectionsAreErrorsButContextEventsAreNot() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).requestVolumeThreshold(1000).build());
        CircuitBreaker cb = f.breaker();
        f.succeed(cb);
        f.fail(cb);
        var canceled = f.ctx.withCancel();
        canceled.cancel();
        assertEquals("fallback:context canceled", cb.execute(canceled.context(), c -> "never", (c, e) -> "fallback:" + e.getMessage()));
        var expired = f.ctx.withTimeout(Duration.ofMillis(1));
        f.advance(Duration.ofMillis(1));
        assertEquals("fallback:context deadline exceeded",
                cb.execute(expired, c -> "never", (c, e) -> "fallback:" + e.getMessage()));
        cb.updateSettings(cb.settings().toBuilder().maxConcurrentRequests(1).build());
        cb.execute(f.ctx, c -> f.succeed(cb));
        Snapshot s = cb.snapshot();
        assertEquals(1, s.count(Event.REJECTED));
        assertEquals(1, s.count(Event.CONTEXT_CANCELED));
        assertEquals(1, s.count(Event.CONTEXT_DEADLINE_EXCEEDED));
        assertEquals(2, s.count(Event.SUCCESS));
        assertEquals(1, s.count(Event.FAILURE));
        assertEquals(6, s.requests());
        assertEquals(2, s.errors(), "failure + rejection; context events are requests, not errors");
        assertEquals(33, s.errorPercentage());
    }

    @Test
    void oldBucketsExpireAsTheClockMoves() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).requestVolumeThreshold(1000).build());
        CircuitBreaker cb = f.breaker();
        f.times(3, () -> f.fail(cb));
        f.advance(Duration.ofMillis(4500));
        f.times(2, () -> f.succeed(cb));
        f.advance(Duration.ofMillis(5499));
        assertEquals(5, cb.snapshot().requests(), "t=9.999 s: bucket 0 is still in the 10-bucket window");
        f.advance(Duration.ofMillis(1));
        Snapshot s = cb.snapshot();
        assertEquals(2, s.requests(), "t=10 s: bucket 0 expired");
        assertEquals(0, s.count(Event.FAILURE));
        f.advance(Duration.ofSeconds(5));
        assertEquals(0, cb.snapshot().requests(), "t=15 s: everything expired");
        f.advance(Duration.ofDays(3));
        f.fail(cb);
        assertEquals(1, cb.snapshot().requests(), "a long jump clears the whole ring");
    }

    @Test
    void expiredErrorsNoLongerCountTowardOpening() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(19, () -> f.fail(cb));
        f.advance(Duration.ofSeconds(10));
        f.fail(cb);
        assertEquals(State.CLOSED, cb.state());
        assertEquals(1, cb.snapshot().requests());
    }

    @Test
    void theRollingWindowIsConfigurable() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD)
                .rollingWindow(4, Duration.ofMillis(250)).requestVolumeThreshold(1000).build());
        CircuitBreaker cb = f.breaker();
        f.fail(cb);
        f.advance(Duration.ofMillis(999));
        assertEquals(1, cb.snapshot().requests());
        f.advance(Duration.ofMillis(1));
        assertEquals(0, cb.snapshot().requests());
        assertEquals(Duration.ofSeconds(1), cb.settings().rollingWindow());
    }

    @Test
    void changingTheWindowShapeStartsAFreshWindow() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        f.times(5, () -> f.fail(cb));
        cb.updateSettings(cb.settings().toBuilder().requestVolumeThreshold(3).build());
        assertEquals(State.OPEN, cb.state(), "thresholds apply at once to the window as it is");
        cb.updateSettings(cb.settings().toBuilder().forceClosed(true).build());
        f.times(2, () -> f.fail(cb));
        cb.updateSettings(cb.settings().toBuilder().rollingWindow(5, Duration.ofSeconds(2)).build());
        assertEquals(0, cb.snapshot().requests());
    }

    @Test
    void forceOpenAndForceClosedAreTransitions() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        cb.updateSettings(cb.settings().toBuilder().forceOpen(true).build());
        assertEquals(State.OPEN, cb.state());
        f.advance(Duration.ofMinutes(1));
        assertEquals("fallback:hystrix: circuit open", f.succeed(cb), "forced open: no probes");
        cb.updateSettings(cb.settings().toBuilder().forceClosed(true).build());
        assertEquals(State.CLOSED, cb.state());
        f.times(50, () -> f.fail(cb));
        assertEquals(State.CLOSED, cb.state(), "forced closed never opens");
        assertEquals(50, cb.snapshot().count(Event.FAILURE), "but still counts");
        cb.updateSettings(cb.settings().toBuilder().forceClosed(false).build());
        assertEquals(State.OPEN, cb.state());
        assertEquals(List.of(State.OPEN, State.CLOSED, State.OPEN), f.changes.stream().map(StateChange::to).toList());
    }

    @Test
    void aBreakerCreatedForcedOpenStartsOpen() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.registry.configure("held", Settings.builder().forceOpen(true).build());
        assertEquals(State.OPEN, cb.state());
        assertThrows(CircuitOpenException.class, () -> cb.execute(f.ctx, c -> "x"));
    }

    @Test
    void listenersPerBreakerCanBeRemovedAndTheirExceptionsAreIgnored() throws Exception {
        Fixture f = new Fixture();
        CircuitBreaker cb = f.breaker();
        List<StateChange> mine = new java.util.ArrayList<>();
        var reg = cb.onStateChange(mine::add);
        cb.onStateChange(c -> {
            throw new IllegalStateException("listener bug");
        });
        f.times(20, () -> f.fail(cb));
        reg.close();
        f.advance(SLEEP.plusMillis(1));
        f.succeed(cb);
        assertEquals(1, mine.size());
        assertEquals(3, f.changes.size(), "registry listener saw all three");
    }

    @Test
    void ignoredExceptionsPassThroughAsBadRequestsAndNeverOpen() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).ignore(Settings.IGNORE_CALLER_ERRORS).build());
        CircuitBreaker cb = f.breaker();
        AtomicInteger fallbacks = new AtomicInteger();
        for (int i = 0; i < 30; i++) {
            KitError e = assertThrows(KitError.class, () -> cb.execute(f.ctx, c -> {
                throw KitError.notFound("user 7 not found");
            }, (c, cause) -> "fallback " + fallbacks.incrementAndGet()));
            assertEquals("user 7 not found", e.getMessage());
        }
        assertEquals(0, fallbacks.get(), "no fallback for a caller's error");
        assertEquals(State.CLOSED, cb.state());
        Snapshot s = cb.snapshot();
        assertEquals(30, s.count(Event.BAD_REQUEST));
        assertEquals(30, s.requests());
        assertEquals(0, s.errors());
        assertTrue(Settings.IGNORE_CALLER_ERRORS.test(KitError.invalidArgument("x")));
        assertFalse(Settings.IGNORE_CALLER_ERRORS.test(KitError.resourceExhausted("x")));
        assertFalse(Settings.IGNORE_CALLER_ERRORS.test(KitError.unavailable("x")));
        assertFalse(Settings.IGNORE_CALLER_ERRORS.test(new RuntimeException()));
    }

    @Test
    void aProbeAnsweredWithACallersErrorCloses() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).ignore(Settings.IGNORE_CALLER_ERRORS).build());
        CircuitBreaker cb = f.breaker();
        f.times(20, () -> f.fail(cb));
        f.advance(SLEEP.plusMillis(1));
        assertThrows(KitError.class, () -> cb.execute(f.ctx, c -> {
            throw KitError.notFound("nope");
        }));
        assertEquals(State.CLOSED, cb.state(), "the dependency answered");
    }

    @Test
    void settingsValidateAndKeepHystrixDefaults() {
        Settings d = Settings.defaults();
        assertEquals(Duration.ofSeconds(1), d.timeout().orElseThrow());
        assertEquals(10, d.maxConcurrentRequests());
        assertEquals(20, d.requestVolumeThreshold());
        assertEquals(Duration.ofSeconds(5), d.sleepWindow());
        assertEquals(50, d.errorPercentThreshold());
        assertEquals(10, d.rollingWindowBuckets());
        assertEquals(Duration.ofSeconds(1), d.rollingWindowBucket());
        assertEquals(Isolation.VIRTUAL_THREAD, d.isolation());
        assertEquals(d, Settings.builder().build());
        assertEquals(d, d.toBuilder().build());
        assertTrue(d.toBuilder().noTimeout().build().timeout().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().maxConcurrentRequests(0));
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().errorPercentThreshold(101));
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().errorPercentThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().rollingWindow(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().sleepWindow(Duration.ofMillis(-1)));
        Settings both = Settings.builder().forceOpen(true).forceClosed(true).build();
        assertFalse(both.forceOpen(), "the last force wins");
        assertTrue(both.forceClosed());
    }

    @Test
    void registryCreatesOnFirstUseConfiguresAndForgets() {
        Fixture f = new Fixture();
        CircuitBreaker a = f.registry.get("a");
        assertEquals(a, f.registry.get("a"));
        assertEquals(Settings.builder().isolation(Isolation.SAME_THREAD).build(), a.settings());
        Settings custom = Settings.builder().timeout(Duration.ofSeconds(2)).maxConcurrentRequests(5)
                .requestVolumeThreshold(3).errorPercentThreshold(20).sleepWindow(Duration.ofSeconds(100)).build();
        CircuitBreaker b = f.registry.configure("b", custom);
        assertEquals(custom, b.settings());
        assertEquals(b, f.registry.configure("b", Settings.defaults()));
        assertEquals(Settings.defaults(), b.settings(), "configure updates an existing breaker");
        assertEquals(List.of("a", "b"), f.registry.all().stream().map(CircuitBreaker::name).toList());
        assertTrue(f.registry.remove("a"));
        assertTrue(f.registry.find("a").isEmpty());
        f.registry.clear();
        assertTrue(f.registry.all().isEmpty());
        assertTrue(CircuitBreakers.shared() == CircuitBreakers.shared());
    }
}
