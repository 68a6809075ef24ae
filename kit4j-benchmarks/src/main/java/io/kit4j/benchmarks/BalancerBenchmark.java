package io.kit4j.benchmarks;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.sd.DefaultEndpointer;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.sd.lb.Balancer;
import io.kit4j.sd.lb.LeastOutstanding;
import io.kit4j.sd.lb.RoundRobin;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of picking an endpoint, over a {@link DefaultEndpointer} of four instances: round robin (one
 * shared atomic counter) against least outstanding (one random draw, two counter reads), and the same
 * with the call made (least outstanding counts the call in and out). Run with {@code -t 1} and
 * {@code -t 2} to see what sharing the counters between threads costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BalancerBenchmark {
    private DefaultEndpointer<Long, String> endpointer;
    private Balancer<Long, String> roundRobin;
    private Balancer<Long, String> leastOutstanding;
    private final Context ctx = Context.background();

    @Setup
    public void setup() {
        FixedInstancer instancer = FixedInstancer.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080",
                "10.0.0.4:8080");
        endpointer = DefaultEndpointer.create(instancer, instance -> {
            Endpoint<Long, String> e = (c, id) -> instance;
            return ClosableEndpoint.of(e);
        }, Logger.nop());
        roundRobin = new RoundRobin<>(endpointer);
        leastOutstanding = new LeastOutstanding<>(endpointer);
    }

    @TearDown
    public void tearDown() {
        endpointer.close();
    }

    @Benchmark
    public Endpoint<Long, String> roundRobinPick() {
        return roundRobin.endpoint();
    }

    @Benchmark
    public Endpoint<Long, String> leastOutstandingPick() {
        return leastOutstanding.endpoint();
    }

    @Benchmark
    public String roundRobinPickAndCall() throws Exception {
        return roundRobin.endpoint().call(ctx, 101L);
    }

    @Benchmark
    public String leastOutstandingPickAndCall() throws Exception {
        return leastOutstanding.endpoint().call(ctx, 101L);
    }
}
