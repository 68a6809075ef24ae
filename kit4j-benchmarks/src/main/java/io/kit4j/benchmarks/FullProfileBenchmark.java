package io.kit4j.benchmarks;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Middleware;
import io.kit4j.log.AsyncOutputStream;
import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import io.kit4j.metrics.InstrumentingMiddleware;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.ratelimit.Limiter;
import io.kit4j.ratelimit.RateLimit;
import io.kit4j.transport.http.BenchServerRequests;
import io.kit4j.transport.http.HttpContextKeys;
import io.kit4j.transport.http.HttpMetricsFinalizer;
import io.kit4j.transport.http.ServerRequest;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * The user service's FULL middleware profile in-process, without HTTP: what it adds to one
 * {@code GET /user/101} over the bare endpoint, whole and piece by piece. Built as {@code UserServiceApp}
 * builds it: a token bucket, the reference's log line (logfmt with a timestamp, through an
 * {@link AsyncOutputStream} into a file), the endpoint's request counter and latency histogram, and the
 * HTTP finalizer's counter and two histograms, all in one Prometheus registry.
 *
 * <pre>kit4j-benchmarks/jmh.sh FullProfileBenchmark -prof gc</pre>
 *
 * <p>The log writer thread's own CPU time is not in these figures (JMH times the calling thread);
 * {@code compare-tracing.sh} measures the whole process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FullProfileBenchmark {
    private static final double[] LATENCY_BUCKETS = {.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1};

    private final long uid = 101;
    private Endpoint<Long, String> bare;
    private Endpoint<Long, String> full;
    private Endpoint<Long, String> limited;
    private Endpoint<Long, String> logged;
    private Endpoint<Long, String> instrumented;
    private HttpMetricsFinalizer finalizer;
    private ServerRequest request;
    private Context root;
    private AsyncOutputStream out;
    private Path file;

    @Setup
    public void setup() throws IOException {
        file = Files.createTempFile("kit4j-full-profile", ".log");
        out = new AsyncOutputStream(new FileOutputStream(file.toFile()));
        Logger logger = Logger.logfmt(out).with("ts", Values.timestampUtc());
        PrometheusMetrics metrics = PrometheusMetrics.create();
        bare = (c, id) -> id == 101 ? "shenyi" : "guest";
        Middleware<Long, String> limiting = RateLimit.erroring(Limiter.of(1e9, 1_000_000_000));
        Middleware<Long, String> logging = next -> (c, id) -> {
            logger.log("method", "GET", "event", "get user", "uid", id);
            return next.call(c, id);
        };
        Middleware<Long, String> instrumenting = InstrumentingMiddleware.of(
                metrics.counter("requests_total", "Requests.", "method", "error"),
                metrics.histogram("request_duration_seconds", "Duration.", LATENCY_BUCKETS, "method", "error"),
                "GetName");
        full = instrumenting.apply(limiting.apply(logging.apply(bare)));
        limited = limiting.apply(bare);
        logged = logging.apply(bare);
        instrumented = instrumenting.apply(bare);
        finalizer = HttpMetricsFinalizer.builder()
                .requests(metrics.counter("http_requests_total", "HTTP requests.", "method", "route", "status"))
                .duration(metrics.histogram("http_request_duration_seconds", "HTTP duration.", LATENCY_BUCKETS,
                        "method", "route", "status"))
                .responseSize(metrics.histogram("http_response_size_bytes", "Sizes.",
                        PrometheusMetrics.exponentialBuckets(100, 10, 6), "method", "route", "status"))
                .build();
        request = BenchServerRequests.of("GET", "http://127.0.0.1:8080/user/101",
                Map.of("Host", "127.0.0.1:8080", "User-Agent", "wrk"));
        BenchServerRequests.route(request, "/user/{uid:\\d+}");
        root = Context.background();
    }

    @TearDown
    public void tearDown() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public String bare() throws Exception {
        return bare.call(root, uid);
    }

    /** Everything the FULL profile adds around the endpoint, HTTP finalizer included. */
    @Benchmark
    public String full() throws Exception {
        Context ctx = started();
        String r = full.call(ctx, uid);
        finished(ctx);
        return r;
    }

    @Benchmark
    public String limiterOnly() throws Exception {
        return limited.call(root, uid);
    }

    @Benchmark
    public String logLineOnly() throws Exception {
        return logged.call(root, uid);
    }

    @Benchmark
    public String endpointMetricsOnly() throws Exception {
        return instrumented.call(root, uid);
    }

    @Benchmark
    public Context httpMetricsOnly() {
        Context ctx = started();
        finished(ctx);
        return ctx;
    }

    /** The request's context as the server starts it when it has finalizers. */
    private Context started() {
        return root.with(HttpContextKeys.REQUEST_START_NANOS, root.clock().nanoTime());
    }

    /** The HTTP metrics finalizer on a 200 with a 21-byte body, as the server calls it. */
    private void finished(Context ctx) {
        finalizer.finish(ctx.with(HttpContextKeys.RESPONSE_SIZE, 21L), 200, request);
    }
}
