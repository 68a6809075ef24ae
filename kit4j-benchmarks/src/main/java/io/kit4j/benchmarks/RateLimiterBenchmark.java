package io.kit4j.benchmarks;

import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.Limiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allow path of kit4j's {@link Limiter} against its peers' non-blocking calls: Guava's
 * {@code RateLimiter.tryAcquire()}, Bucket4j's {@code Bucket.tryConsume(1)} (default lock-free
 * synchronization) and Resilience4j's {@code RateLimiter.acquirePermission()} (AtomicRateLimiter, zero
 * timeout). One limiter per library is shared by all benchmark threads, so the 2-thread runs measure
 * contention on it; every call reads the monotonic clock {@link System#nanoTime()}, as in production:
 * kit4j through {@code Clock.system()}, Guava through its {@code Ticker}, Resilience4j directly, and
 * Bucket4j with nanosecond precision (its default, {@code System.currentTimeMillis()} in nanoseconds,
 * costs the same clock read here but refills at millisecond steps).
 *
 * <p>{@code allowed}: 1e9 events per second, burst 1e9, so every call succeeds (each takes tokens and
 * writes state). {@code refused}: one event per second with a burst of one, so almost every call is
 * refused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimiterBenchmark {
    /** 1e9 events per second with a burst of 1e9 (Bucket4j's highest rate), or 1 per second, burst 1. */
    @State(Scope.Benchmark)
    public static class Load {
        @Param({"allowed", "refused"})
        public String load;

        boolean allowed() {
            return load.equals("allowed");
        }
    }

    @State(Scope.Benchmark)
    public static class Kit4j {
        Limiter limiter;

        @Setup
        public void setup(Load load) {
            limiter = load.allowed() ? Limiter.of(Limit.of(1e9), 1_000_000_000) : Limiter.of(1, 1);
        }
    }

    @State(Scope.Benchmark)
    public static class Guava {
        com.google.common.util.concurrent.RateLimiter limiter;

        @Setup
        public void setup(Load load) {
            limiter = com.google.common.util.concurrent.RateLimiter.create(load.allowed() ? 1e9 : 1);
        }
    }

    @State(Scope.Benchmark)
    public static class Bucket4j {
        Bucket bucket;

        @Setup
        public void setup(Load load) {
            long tokens = load.allowed() ? 1_000_000_000L : 1;
            bucket = Bucket.builder()
                    .addLimit(l -> l.capacity(tokens).refillGreedy(tokens, Duration.ofSeconds(1)))
                    .withNanosecondPrecision()
                    .build();
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4j {
        RateLimiter limiter;

        @Setup
        public void setup(Load load) {
            limiter = RateLimiter.of("bench", RateLimiterConfig.custom()
                    .limitForPeriod(load.allowed() ? Integer.MAX_VALUE : 1)
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(Duration.ZERO)
                    .build());
        }
    }

    /** What every limiter pays first: one read of the monotonic clock. */
    @Benchmark
    @Threads(1)
    public long nanoTime_1thread() {
        return System.nanoTime();
    }

    @Benchmark
    @Threads(1)
    public boolean kit4j_1thread(Kit4j s) {
        return s.limiter.allow();
    }

    @Benchmark
    @Threads(2)
    public boolean kit4j_2threads(Kit4j s) {
        return s.limiter.allow();
    }

    @Benchmark
    @Threads(1)
    public boolean guava_1thread(Guava s) {
        return s.limiter.tryAcquire();
    }

    @Benchmark
    @Threads(2)
    public boolean guava_2threads(Guava s) {
        return s.limiter.tryAcquire();
    }

    @Benchmark
    @Threads(1)
    public boolean bucket4j_1thread(Bucket4j s) {
        return s.bucket.tryConsume(1);
    }

    @Benchmark
    @Threads(2)
    public boolean bucket4j_2threads(Bucket4j s) {
        return s.bucket.tryConsume(1);
    }

    @Benchmark
    @Threads(1)
    public boolean resilience4j_1thread(Resilience4j s) {
        return s.limiter.acquirePermission();
    }

    @Benchmark
    @Threads(2)
    public boolean resilience4j_2threads(Resilience4j s) {
        return s.limiter.acquirePermission();
    }
}
