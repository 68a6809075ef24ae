package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.List;

/**
 * A kit4j {@link Counter} backed by a Prometheus counter: go-kit's {@code prometheus.Counter}.
 *
 * <p>The label names are declared when the Prometheus counter is made; {@link #with} supplies values as
 * name/value pairs in any order. The series is looked up on the first {@link #add} of an instance and kept,
 * so an instance made once (as {@link io.kit4j.metrics.InstrumentingMiddleware} does) costs one atomic add
 * per call. A label that is not declared, or a declared label without a value, fails that first add with
 * {@link IllegalArgumentException} (go-kit panics); so does a negative delta (Prometheus counters only go
 * up).
 */
public final class PrometheusCounter implements Counter {
    private final io.prometheus.metrics.core.metrics.Counter metric;
    private final Resolver<CounterDataPoint> resolver;
    private final LabelValues labels;
    private volatile CounterDataPoint point;

    private PrometheusCounter(io.prometheus.metrics.core.metrics.Counter metric, Resolver<CounterDataPoint> resolver,
            LabelValues labels) {
        this.metric = metric;
        this.resolver = resolver;
        this.labels = labels;
    }

    /**
     * Wraps a Prometheus counter (registered or not) whose label names are {@code labelNames}, in the order
     * it declares them: go-kit's {@code prometheus.NewCounter}.
     *
     * @throws IllegalArgumentException if the counter has no label of one of these names
     */
    public static PrometheusCounter wrap(io.prometheus.metrics.core.metrics.Counter metric, String... labelNames) {
        return new PrometheusCounter(metric, new Resolver<>(metric, labelNames, metric::labelValues, metric), LabelValues.EMPTY);
    }

    @Override
    public PrometheusCounter with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new PrometheusCounter(metric, resolver, next);
    }

    @Override
    public void add(double delta) {
        CounterDataPoint p = point;
        if (p == null) {
            p = resolver.resolve(labels);
            point = p;
        }
        p.inc(delta);
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }

    /** The declared label names, in declaration order. */
    public List<String> labelNames() {
        return resolver.names();
    }

    /** The Prometheus counter behind this one. */
    public io.prometheus.metrics.core.metrics.Counter unwrap() {
        return metric;
    }
}
