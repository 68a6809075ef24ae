package io.kit4j.benchmarks;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixCommandProperties.ExecutionIsolationStrategy;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.kit4j.circuitbreaker.CircuitBreaker;
import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Command;
import io.kit4j.circuitbreaker.Isolation;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Success-path overhead of a circuit breaker around a trivial call, synchronous, one thread: kit4j (on the
 * caller's thread, and isolated on a virtual thread so a timeout can interrupt it) against Resilience4j's
 * {@code CircuitBreaker} (default count-based window, {@code decorateCallable}) and Netflix Hystrix 1.5.18
 * ({@code HystrixCommand}, semaphore isolation as the like-for-like case, thread-pool isolation too).
 * Every breaker keeps its defaults otherwise (kit4j and Hystrix: a 1 s timeout, 10-second rolling window).
 *
 * <p>JMH's threads are platform threads, so kit4j's isolated path there pays an OS park/unpark per call;
 * in a kit4j service the caller is a virtual thread (the HTTP server runs every request on one). The
 * {@code *FromVirtualThread} benchmarks make {@value #BATCH} calls from one virtual thread per
 * invocation, so that hand-off is measured too; {@code loopFromVirtualThread} is their floor (the same
 * loop around the bare call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CircuitBreakerBenchmark {
    static final int BATCH = 1000;

    private long counter;
    private Context ctx;
    private Command<Long> command;
    private Callable<Long> callable;
    private CircuitBreaker kit4jSameThread;
    private CircuitBreaker kit4jIsolated;
    private Callable<Long> resilience4j;
    private HystrixCommand.Setter hystrixSemaphore;
    private HystrixCommand.Setter hystrixThread;

    /** A Hystrix command running the trivial call. */
    static final class Trivial extends HystrixCommand<Long> {
        private final CircuitBreakerBenchmark bench;

        Trivial(Setter setter, CircuitBreakerBenchmark bench) {
            super(setter);
            this.bench = bench;
        }

        @Override
        protected Long run() {
            return bench.work();
        }
    }

    long work() {
        return ++counter;
    }

    @Setup
    public void setup() {
        ctx = Context.background();
        command = c -> work();
        callable = this::work;
        CircuitBreakers breakers = new CircuitBreakers();
        kit4jSameThread = breakers.configure("same-thread", Settings.builder().isolation(Isolation.SAME_THREAD).build());
        kit4jIsolated = breakers.configure("isolated", Settings.builder().isolation(Isolation.VIRTUAL_THREAD).build());
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4j =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCallable(r4j, callable);
        hystrixSemaphore = HystrixCommand.Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey("bench"))
                .andCommandKey(HystrixCommandKey.Factory.asKey("semaphore"))
                .andCommandPropertiesDefaults(HystrixCommandProperties.Setter()
                        .withExecutionIsolationStrategy(ExecutionIsolationStrategy.SEMAPHORE)
                        .withExecutionIsolationSemaphoreMaxConcurrentRequests(10));
        hystrixThread = HystrixCommand.Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey("bench"))
                .andCommandKey(HystrixCommandKey.Factory.asKey("thread"))
                .andCommandPropertiesDefaults(HystrixCommandProperties.Setter()
                        .withExecutionIsolationStrategy(ExecutionIsolationStrategy.THREAD))
                .andThreadPoolPropertiesDefaults(HystrixThreadPoolProperties.Setter().withCoreSize(10));
    }

    @TearDown
    public void tearDown() {
        com.netflix.hystrix.Hystrix.reset();
    }

    @Benchmark
    public long baseline() throws Exception {
        return callable.call();
    }

    @Benchmark
    public long kit4jSameThread() throws Exception {
        return kit4jSameThread.execute(ctx, command);
    }

    @Benchmark
    public long kit4jVirtualThread() throws Exception {
        return kit4jIsolated.execute(ctx, command);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long loopFromVirtualThread() throws Exception {
        return inVirtualThread(callable);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long kit4jSameThreadFromVirtualThread() throws Exception {
        return inVirtualThread(() -> kit4jSameThread.execute(ctx, command));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long kit4jVirtualThreadFromVirtualThread() throws Exception {
        return inVirtualThread(() -> kit4jIsolated.execute(ctx, command));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long resilience4jFromVirtualThread() throws Exception {
        return inVirtualThread(resilience4j);
    }

    private static long inVirtualThread(Callable<Long> call) throws InterruptedException {
        long[] sum = new long[1];
        Thread t = Thread.ofVirtual().start(() -> {
            long s = 0;
            try {
                for (int i = 0; i < BATCH; i++) {
                    s += call.call();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sum[0] = s;
        });
        t.join();
        return sum[0];
    }

    @Benchmark
    public long resilience4j() throws Exception {
        return resilience4j.call();
    }

    @Benchmark
    public long hystrixSemaphore() {
        return new Trivial(hystrixSemaphore, this).execute();
    }

    @Benchmark
    public long hystrixThread() {
        return new Trivial(hystrixThread, this).execute();
    }
}
