package io.kit4j.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Snapshot numbers, latency percentiles and the Hystrix dashboard JSON. */
class SnapshotTest {

    static void assertNear(Duration expected, Duration actual) {
        double e = expected.toNanos();
        double error = Math.abs(actual.toNanos() - e) / e;
        assertTrue(error <= 1.0 / 16, "expected " + expected + " within 6.25%, got " + actual);
    }

    @Test
    void countsErrorPercentageAndConcurrencyInUse() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).requestVolumeThreshold(100).build());
        CircuitBreaker cb = f.breaker();
        f.times(6, () -> f.succeed(cb));
        f.times(3, () -> f.fail(cb));
        assertThrowsTimeout(f, cb);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> held = cb.executeAsync(f.ctx, c -> {
            inside.countDown();
            release.await();
            return "held";
        });
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        Snapshot s = cb.snapshot();
        assertEquals("cmd", s.name());
        assertEquals("cmd", s.group());
        assertEquals(State.CLOSED, s.state());
        assertEquals(f.clock.now(), s.time());
        assertEquals(1, s.concurrencyInUse());
        assertEquals(6, s.count(Event.SUCCESS));
        assertEquals(3, s.count(Event.FAILURE));
        assertEquals(1, s.count(Event.TIMEOUT));
        assertEquals(3, s.count(Event.FALLBACK_SUCCESS));
        assertEquals(10, s.requests());
        assertEquals(4, s.errors());
        assertEquals(40, s.errorPercentage());
        assertEquals(Event.values().length, s.counts().size());
        release.countDown();
        assertEquals("held", held.get(30, TimeUnit.SECONDS));
        assertEquals(0, cb.snapshot().concurrencyInUse());
    }

    private static void assertThrowsTimeout(Fixture f, CircuitBreaker cb) {
        org.junit.jupiter.api.Assertions.assertThrows(CommandTimeoutException.class, () -> cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(1500));
            return "late";
        }));
    }

    @Test
    void latencyPercentilesOverTheWindow() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).build());
        CircuitBreaker cb = f.breaker();
        for (int i = 1; i <= 100; i++) {
            long ms = i;
            cb.execute(f.ctx, c -> {
                f.advance(Duration.ofMillis(ms));
                return ms;
            });
        }
        Latency l = cb.snapshot().execution();
        assertEquals(100, l.count());
        assertEquals(Duration.ofMillis(1), l.min());
        assertEquals(Duration.ofMillis(100), l.max());
        assertEquals(l.min(), l.percentile(0));
        assertEquals(l.max(), l.percentile(100));
        assertNear(Duration.ofMillis(50), l.p50());
        assertNear(Duration.ofMillis(90), l.p90());
        assertNear(Duration.ofMillis(99), l.p99());
        assertNear(Duration.ofMillis(25), l.percentile(25));
        assertNear(Duration.ofMillis(50).plusNanos(500_000), l.mean());
        assertEquals(l.count(), cb.snapshot().total().count(), "no fallbacks: total latency = execution latency");
    }

    @Test
    void totalLatencyIncludesTheFallbackAndCallsThatNeverRan() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).build());
        CircuitBreaker cb = f.breaker();
        cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(40));
            throw new IOException("slow failure");
        }, (c, why) -> {
            f.advance(Duration.ofMillis(20));
            return "degraded";
        });
        Snapshot s = cb.snapshot();
        assertEquals(Duration.ofMillis(40), s.execution().max());
        assertEquals(Duration.ofMillis(60), s.total().max());
        assertEquals(1, s.execution().count());
        assertEquals(1, s.total().count());

        cb.updateSettings(cb.settings().toBuilder().forceOpen(true).build());
        f.succeed(cb);
        s = cb.snapshot();
        assertEquals(1, s.execution().count(), "a short-circuited call did not execute");
        assertEquals(2, s.total().count());
        assertEquals(Duration.ZERO, s.total().min());
    }

    @Test
    void latenciesExpireWithTheirBuckets() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).build());
        CircuitBreaker cb = f.breaker();
        cb.execute(f.ctx, c -> {
            f.advance(Duration.ofMillis(700));
            return 1;
        });
        assertEquals(1, cb.snapshot().execution().count());
        f.advance(Duration.ofSeconds(10));
        Latency l = cb.snapshot().execution();
        assertEquals(0, l.count());
        assertEquals(Duration.ZERO, l.p99());
        assertEquals(Duration.ZERO, l.mean());
    }

    @Test
    void latencyBinsStayWithinOneSixteenth() {
        for (long ns = 0; ns < 100_000_000_000L; ns = ns * 21 / 20 + 1000) {
            long us = ns / 1000 * 1000;
            long v = Latency.value(Latency.bin(ns));
            assertTrue(Math.abs(v - us) <= us / 16 + 1, ns + " -> " + v);
        }
        for (int b = 1; b < Latency.BINS; b++) {
            assertTrue(Latency.value(b) > Latency.value(b - 1), "bins ascend at " + b);
            assertEquals(b, Latency.bin(Latency.value(b)), "a bin's value falls in it: " + b);
        }
        assertEquals(Latency.BINS - 1, Latency.bin(Long.MAX_VALUE));
        assertEquals(0, Latency.bin(-5));
    }

    @Test
    void hystrixStreamJsonHasTheDashboardsFields() throws Exception {
        Fixture f = new Fixture(Settings.builder().isolation(Isolation.SAME_THREAD).build());
        CircuitBreaker cb = f.registry.configure("get \"user\"\n", Settings.builder().isolation(Isolation.SAME_THREAD)
                .maxConcurrentRequests(7).build());
        for (int i = 0; i < 10; i++) {
            cb.execute(f.ctx, c -> {
                f.advance(Duration.ofMillis(8));
                return 1;
            });
        }
        f.times(10, () -> f.fail(cb));
        f.fail(cb);
        Map<String, Object> json = MiniJson.parse(HystrixStreamJson.command(cb.snapshot()));
        assertEquals("HystrixCommand", json.get("type"));
        assertEquals("get \"user\"\n", json.get("name"));
        assertEquals("get \"user\"\n", json.get("group"));
        assertEquals(f.clock.now().toEpochMilli(), json.get("currentTime"));
        assertEquals(true, json.get("isCircuitBreakerOpen"));
        assertEquals(52L, json.get("errorPercentage"));
        assertEquals(11L, json.get("errorCount"));
        assertEquals(21L, json.get("requestCount"));
        assertEquals(10L, json.get("rollingCountSuccess"));
        assertEquals(10L, json.get("rollingCountFailure"));
        assertEquals(1L, json.get("rollingCountShortCircuited"));
        assertEquals(11L, json.get("rollingCountFallbackSuccess"));
        assertEquals(0L, json.get("rollingCountSemaphoreRejected"));
        assertEquals(0L, json.get("rollingCountThreadPoolRejected"));
        assertEquals("SEMAPHORE", json.get("propertyValue_executionIsolationStrategy"));
        assertEquals(7L, json.get("propertyValue_executionIsolationSemaphoreMaxConcurrentRequests"));
        assertEquals(1000L, json.get("propertyValue_executionIsolationThreadTimeoutInMilliseconds"));
        assertEquals(10000L, json.get("propertyValue_metricsRollingStatisticalWindowInMilliseconds"));
        assertEquals(20L, json.get("propertyValue_circuitBreakerRequestVolumeThreshold"));
        assertEquals(5000L, json.get("propertyValue_circuitBreakerSleepWindowInMilliseconds"));
        assertEquals(50L, json.get("propertyValue_circuitBreakerErrorThresholdPercentage"));
        assertEquals(1L, json.get("reportingHosts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> execute = (Map<String, Object>) json.get("latencyExecute");
        assertEquals(java.util.List.of("0", "25", "50", "75", "90", "95", "99", "99.5", "100"),
                java.util.List.copyOf(execute.keySet()));
        assertEquals(8L, execute.get("100"));
        assertEquals(0L, execute.get("0"), "the failures took no time");
        for (String key : new String[] {"latencyExecute_mean", "latencyTotal_mean", "latencyTotal",
                "rollingCountTimeout", "rollingCountFallbackFailure", "rollingCountBadRequests",
                "rollingCountCollapsedRequests", "rollingCountExceptionsThrown", "rollingCountFallbackRejection",
                "rollingCountResponsesFromCache", "currentConcurrentExecutionCount",
                "propertyValue_circuitBreakerForceOpen", "propertyValue_circuitBreakerForceClosed",
                "propertyValue_executionIsolationThreadInterruptOnTimeout",
                "propertyValue_fallbackIsolationSemaphoreMaxConcurrentRequests",
                "propertyValue_requestCacheEnabled", "propertyValue_requestLogEnabled"}) {
            assertTrue(json.containsKey(key), key);
        }
    }

    @Test
    void rejectionsShowUnderTheIsolationsCounter() throws Exception {
        Fixture f = new Fixture(Settings.builder().timeout(Duration.ofHours(1)).maxConcurrentRequests(1).build());
        CircuitBreaker cb = f.breaker();
        cb.execute(f.ctx, c -> f.succeed(cb));
        Map<String, Object> json = MiniJson.parse(HystrixStreamJson.command(cb.snapshot()));
        assertEquals("THREAD", json.get("propertyValue_executionIsolationStrategy"));
        assertEquals(1L, json.get("rollingCountThreadPoolRejected"));
        assertEquals(0L, json.get("rollingCountSemaphoreRejected"));
        assertEquals(true, json.get("propertyValue_executionIsolationThreadInterruptOnTimeout"));
    }
}
