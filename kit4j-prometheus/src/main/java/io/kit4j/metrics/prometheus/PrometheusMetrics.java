package io.kit4j.metrics.prometheus;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.Objects;

/**
 * Makes kit4j metrics backed by Prometheus in one {@link PrometheusRegistry}, and serves that registry:
 * one instance per service, made in {@code main} and passed to what records. No global default registry
 * is used unless you pass {@link PrometheusRegistry#defaultRegistry} yourself.
 *
 * <pre>{@code
 * PrometheusMetrics metrics = PrometheusMetrics.create();
 * Counter requests = metrics.counter("user_service_requests_total", "Requests received.", "method", "error");
 * Histogram latency = metrics.histogram("user_service_request_duration_seconds", "Request duration.", "method", "error");
 * router.get("/metrics", metrics.handler());
 * }</pre>
 *
 * <p>Each factory method declares the metric's label names, registers it, and returns the kit4j wrapper;
 * {@code with(name, value, ...)} then supplies the values. Names and label names must be classic
 * Prometheus names ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}, labels without {@code :} and not starting with
 * {@code __}), which every Prometheus server can scrape; the client alone would also take UTF-8 names,
 * which Prometheus 2 cannot read in the text format. A bad name, or a name registered twice in one
 * registry, fails with {@link IllegalArgumentException}. For options not offered here (units, constant labels, native
 * histograms, summary age windows), build the Prometheus metric yourself, register it in
 * {@link #registry()}, and wrap it ({@link PrometheusCounter#wrap} and friends).
 */
public final class PrometheusMetrics {
    private static final double[] DEFAULT_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry;

    private PrometheusMetrics(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Metrics in a new, empty registry. */
    public static PrometheusMetrics create() {
        return new PrometheusMetrics(new PrometheusRegistry());
    }

    /** Metrics in {@code registry}. */
    public static PrometheusMetrics on(PrometheusRegistry registry) {
        return new PrometheusMetrics(registry);
    }

    /** The registry the metrics are registered in. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Registers a counter; a name ending in {@code _total} is exposed as given. */
    public PrometheusCounter counter(String name, String help, String... labelNames) {
        checkNames(name, labelNames);
        return PrometheusCounter.wrap(io.prometheus.metrics.core.metrics.Counter.builder()
                .name(name).help(help).labelNames(labelNames).register(registry), labelNames);
    }

    /** Registers a gauge. */
    public PrometheusGauge gauge(String name, String help, String... labelNames) {
        checkNames(name, labelNames);
        return PrometheusGauge.wrap(io.prometheus.metrics.core.metrics.Gauge.builder()
                .name(name).help(help).labelNames(labelNames).register(registry), labelNames);
    }

    /**
     * Registers a histogram with the Prometheus default buckets, meant for seconds:
     * {@code .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10} (and {@code +Inf}).
     */
    public PrometheusHistogram histogram(String name, String help, String... labelNames) {
        return histogram(name, help, DEFAULT_BUCKETS, labelNames);
    }

    /**
     * Registers a histogram with the bucket upper bounds {@code buckets} ({@code +Inf} is added). Only
     * classic buckets are kept: native histograms need the protobuf format, which {@link #handler()}
     * does not serve.
     */
    public PrometheusHistogram histogram(String name, String help, double[] buckets, String... labelNames) {
        checkNames(name, labelNames);
        return PrometheusHistogram.wrap(io.prometheus.metrics.core.metrics.Histogram.builder()
                .name(name).help(help).labelNames(labelNames).classicOnly().classicUpperBounds(buckets)
                .register(registry), labelNames);
    }

    /**
     * Registers a summary that reports the {@code quantiles} (each in [0, 1], with the client's default
     * error) over the client's default sliding window of 10 minutes, plus count and sum.
     */
    public PrometheusSummary summary(String name, String help, double[] quantiles, String... labelNames) {
        checkNames(name, labelNames);
        io.prometheus.metrics.core.metrics.Summary.Builder b = io.prometheus.metrics.core.metrics.Summary.builder()
                .name(name).help(help).labelNames(labelNames);
        for (double q : quantiles) {
            b.quantile(q);
        }
        return PrometheusSummary.wrap(b.register(registry), labelNames);
    }

    /** Registers the JVM and process metrics of {@link JvmMetrics}; returns this. */
    public PrometheusMetrics registerJvmMetrics() {
        JvmMetrics.register(registry);
        return this;
    }

    /** The {@code /metrics} handler for this registry. */
    public MetricsHandler handler() {
        return MetricsHandler.of(registry);
    }

    private static void checkNames(String name, String[] labelNames) {
        if (name == null || !PrometheusNaming.isValidLegacyMetricName(name)) {
            throw new IllegalArgumentException("not a valid Prometheus metric name: " + name);
        }
        for (String l : labelNames) {
            if (l == null || !PrometheusNaming.isValidLegacyLabelName(l) || l.startsWith("__")) {
                throw new IllegalArgumentException("metric " + name + ": not a valid Prometheus label name: " + l);
            }
        }
    }

    /** The default buckets of {@link #histogram(String, String, String...)}. */
    public static double[] defaultBuckets() {
        return DEFAULT_BUCKETS.clone();
    }

    /**
     * {@code count} bucket bounds starting at {@code start}, each {@code factor} times the previous:
     * {@code exponentialBuckets(100, 10, 4)} is {@code 100, 1000, 10000, 100000}.
     *
     * @throws IllegalArgumentException unless start &gt; 0, factor &gt; 1 and count &ge; 1
     */
    public static double[] exponentialBuckets(double start, double factor, int count) {
        if (!(start > 0) || !(factor > 1) || count < 1) {
            throw new IllegalArgumentException("need start > 0, factor > 1 and count >= 1");
        }
        double[] b = new double[count];
        b[0] = start;
        for (int i = 1; i < count; i++) {
            b[i] = b[i - 1] * factor;
        }
        return b;
    }

    /**
     * {@code count} bucket bounds starting at {@code start}, {@code width} apart:
     * {@code linearBuckets(0.1, 0.1, 3)} is about {@code 0.1, 0.2, 0.3}.
     *
     * @throws IllegalArgumentException unless width &gt; 0 and count &ge; 1
     */
    public static double[] linearBuckets(double start, double width, int count) {
        if (!(width > 0) || count < 1) {
            throw new IllegalArgumentException("need width > 0 and count >= 1");
        }
        double[] b = new double[count];
        for (int i = 0; i < count; i++) {
            b[i] = start + i * width;
        }
        return b;
    }
}
