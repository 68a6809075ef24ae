package io.kit4j.benchmarks;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import io.kit4j.sd.lb.Balancer;
import io.kit4j.sd.lb.Retry;
import io.kit4j.sd.lb.RoundRobin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link Retry} adds when the first attempt succeeds: a round-robin pick and call without it,
 * against the same behind {@code Retry.retry(3, 500ms, …)}, which derives a context with a deadline
 * (one clock read, one allocation) and checks it before the attempt.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RetryBenchmark {
    private Balancer<Long, String> balancer;
    private Endpoint<Long, String> retry;
    private final Context ctx = Context.background();
    private final Duration timeout = Duration.ofMillis(500);

    @Setup
    public void setup() {
        Endpoint<Long, String> a = (c, id) -> "a";
        Endpoint<Long, String> b = (c, id) -> "b";
        balancer = new RoundRobin<>(Endpointer.fixed(List.of(a, b)));
        retry = Retry.retry(3, timeout, balancer);
    }

    @Benchmark
    public String balancedCall() throws Exception {
        return balancer.endpoint().call(ctx, 101L);
    }

    /** The part of the overhead that is deriving the deadline: one clock read and a context. */
    @Benchmark
    public Context deriveDeadline() {
        return ctx.withTimeout(timeout);
    }

    @Benchmark
    public String retriedCallFirstAttemptSucceeds() throws Exception {
        return retry.call(ctx, 101L);
    }
}
