package io.kit4j.benchmarks;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.log.LoggingMiddleware;
import io.kit4j.log.Values;
import io.kit4j.tracing.TraceLogging;
import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingContext;
import io.kit4j.tracing.TracingSetup;
import io.kit4j.transport.http.BenchServerRequests;
import io.kit4j.transport.http.RequestHook;
import io.kit4j.transport.http.ServerFinalizer;
import io.kit4j.transport.http.ServerRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracing at the production sampler (parent-based, 1 % of new traces) costs a request, piece by
 * piece, against the same work untraced: an endpoint call bare and behind {@code TracingMiddleware} (new
 * trace, or under an unsampled request span), the HTTP server hooks' before + finalizer on a request
 * without and with an incoming (unsampled) {@code traceparent}, a logfmt line with a timestamp without
 * and with {@code trace_id}/{@code span_id}, and a whole request (hooks + traced, logged endpoint)
 * against the logged endpoint alone. Recorded spans (1 %) go through the batch processor to an exporter
 * that discards them. Run with {@code -prof gc} for bytes allocated per operation:
 *
 * <pre>kit4j-benchmarks/jmh.sh TracingBenchmark -prof gc</pre>
 *
 * <p>JMH's threads are platform threads; the server runs each request on a new virtual thread, where a
 * thread-local (the current OpenTelemetry context) costs a map allocation on first use in addition.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TracingBenchmark {
    private static final String UNSAMPLED_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    private Tracing tracing;
    private Endpoint<Long, String> bare;
    private Endpoint<Long, String> traced;
    private Endpoint<Long, String> logged;
    private Endpoint<Long, String> tracedLogged;
    private Context background;
    private Context underUnsampledSpan;
    private ServerRequest plain;
    private ServerRequest withTraceparent;
    private RequestHook before;
    private ServerFinalizer finalizer;
    private Logger logLine;
    private Logger logLineTraced;
    private final long uid = 101;

    /** Discards what the batch processor hands it. */
    static final class Discarding implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Setup
    public void setup() {
        tracing = TracingSetup.builder("bench").exporter(new Discarding()).sampleRatio(0.01).build();
        bare = (c, id) -> id == 101 ? "shenyi" : "guest";
        traced = tracing.<Long, String>middleware("GetName").apply(bare);
        Logger base = Logger.logfmt(OutputStream.nullOutputStream()).with("ts", Values.timestampUtc());
        logLine = base;
        logLineTraced = TraceLogging.with(base);
        logged = LoggingMiddleware.<Long, String>of(logLine, "GetName").apply(bare);
        tracedLogged = tracing.<Long, String>middleware("GetName")
                .apply(LoggingMiddleware.<Long, String>of(logLineTraced, "GetName").apply(bare));
        background = Context.background();
        SpanContext unsampled = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault());
        underUnsampledSpan = TracingContext.with(background,
                io.opentelemetry.context.Context.root().with(Span.wrap(unsampled)));
        plain = BenchServerRequests.of("GET", "http://127.0.0.1:8080/user/101",
                Map.of("Host", "127.0.0.1:8080", "User-Agent", "wrk"));
        withTraceparent = BenchServerRequests.of("GET", "http://127.0.0.1:8080/user/101",
                Map.of("Host", "127.0.0.1:8080", "User-Agent", "wrk", "traceparent", UNSAMPLED_PARENT));
        BenchServerRequests.route(plain, "/user/{uid:\\d+}");
        BenchServerRequests.route(withTraceparent, "/user/{uid:\\d+}");
        before = tracing.httpServer().before();
        finalizer = tracing.httpServer().finalizer();
    }

    @TearDown
    public void tearDown() {
        tracing.close();
    }

    /** An unsampled span made current on the benchmark thread, as the server hook makes the request's. */
    @State(org.openjdk.jmh.annotations.Scope.Thread)
    public static class CurrentSpan {
        Scope scope;

        @Setup(Level.Iteration)
        public void enter() {
            SpanContext sc = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                    TraceFlags.getDefault(), TraceState.getDefault());
            scope = Span.wrap(sc).makeCurrent();
        }

        @TearDown(Level.Iteration)
        public void exit() {
            scope.close();
        }
    }

    @Benchmark
    public String endpointBare() throws Exception {
        return bare.call(background, uid);
    }

    @Benchmark
    public String endpointTracedNewTrace() throws Exception {
        return traced.call(background, uid);
    }

    @Benchmark
    public String endpointTracedUnsampledParent() throws Exception {
        return traced.call(underUnsampledSpan, uid);
    }

    @Benchmark
    public Context serverHooksNoTraceHeader() {
        Context c = before.apply(background, plain);
        finalizer.finish(c, 200, plain);
        return c;
    }

    @Benchmark
    public Context serverHooksUnsampledTraceparent() {
        Context c = before.apply(background, withTraceparent);
        finalizer.finish(c, 200, withTraceparent);
        return c;
    }

    @Benchmark
    public void logLine() {
        logLine.log("method", "GetName", "took", "12.5µs", "err", null);
    }

    @Benchmark
    public void logLineTraceIds(CurrentSpan current) {
        logLineTraced.log("method", "GetName", "took", "12.5µs", "err", null);
    }

    /** The full profile's share of a request: the logged endpoint. */
    @Benchmark
    public String requestLogged() throws Exception {
        return logged.call(background, uid);
    }

    /** The same with tracing: server hooks around the traced, logged (with ids) endpoint. */
    @Benchmark
    public String requestLoggedTraced() throws Exception {
        Context c = before.apply(background, plain);
        try {
            return tracedLogged.call(c, uid);
        } finally {
            finalizer.finish(c, 200, plain);
        }
    }
}
