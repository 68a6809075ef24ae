package io.kit4j.benchmarks;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Middleware;
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
 * The cost of composition: a bare endpoint against the same endpoint behind a 5-deep
 * {@link Middleware#chain} of middlewares that each do a little work (read a context value, count).
 * Run with {@code -prof gc} for bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MiddlewareChainBenchmark {
    private Endpoint<Long, String> bare;
    private Endpoint<Long, String> chained;
    private Context ctx;
    private long uid = 101;

    /** A middleware that does what typical ones do on the hot path: a context read and a counter. */
    static final class Counting implements Middleware<Long, String> {
        long calls;

        @Override
        public Endpoint<Long, String> apply(Endpoint<Long, String> next) {
            return (c, req) -> {
                calls++;
                if (c.isDone()) {
                    throw c.err();
                }
                return next.call(c, req);
            };
        }
    }

    @Setup
    public void setup() {
        bare = (c, id) -> id == 101 ? "shenyi" : "guest";
        chained = Middleware.chain(new Counting(), new Counting(), new Counting(), new Counting(), new Counting())
                .apply(bare);
        ctx = Context.background();
    }

    @Benchmark
    public String bareEndpoint() throws Exception {
        return bare.call(ctx, uid);
    }

    @Benchmark
    public String chainOfFive() throws Exception {
        return chained.call(ctx, uid);
    }
}
