package io.kit4j.benchmarks;

import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import java.io.OutputStream;
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

/** The cost of one logfmt event into a discarding stream: plain, with a timestamp, with timestamp and caller. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoggerBenchmark {
    private Logger plain;
    private Logger timestamped;
    private Logger withCaller;

    @Setup
    public void setup() {
        Logger base = Logger.logfmt(OutputStream.nullOutputStream());
        plain = base;
        timestamped = base.with("ts", Values.timestampUtc());
        withCaller = base.with("ts", Values.timestampUtc(), "caller", Values.caller());
    }

    @Benchmark
    public void plain() {
        plain.log("method", "GET", "event", "get user", "uid", 101L);
    }

    @Benchmark
    public void timestamp() {
        timestamped.log("method", "GET", "event", "get user", "uid", 101L);
    }

    @Benchmark
    public void timestampAndCaller() {
        withCaller.log("method", "GET", "event", "get user", "uid", 101L);
    }
}
