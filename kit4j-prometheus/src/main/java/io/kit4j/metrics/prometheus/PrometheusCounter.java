package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.List;

/**
 * A kit4j {@link Counter} backed by a Prometheus counter: go-kit's {@code prometheus.Counter}.
 *
 * <p>The label names are declared when the Prometheus counter is made; {@link #with} supplies values as
 * name/value pairs in any order. The {@code with} call that gives every declared label a value looks the
 * series up, creating it at 0 (so it is exported before its first event, as Prometheus recommends), and
 * the instance keeps it: an instance made once, as {@link io.kit4j.metrics.InstrumentingMiddleware} makes
 * them, costs one atomic add per call. A label that is not declared fails {@code with}; an {@link #add} on
 * an instance whose labels are incomplete fails naming the missing one; both throw
 * {@link IllegalArgumentException} (go-kit panics), as does a negative delta (Prometheus counters only go
 * up). Removing a series from the Prometheus counter ({@code remove}, {@code clear}) detaches the
 * instances that hold it.
 */
public final class PrometheusCounter implements Counter {
    private final io.prometheus.metrics.core.metrics.Counter metric;
    private final Series<CounterDataPoint> series;

    private PrometheusCounter(io.prometheus.metrics.core.metrics.Counter metric, Series<CounterDataPoint> series) {
        this.metric = metric;
        this.series = series;
    }

    /**
     * Wraps a Prometheus counter (registered or not) whose label names are {@code labelNames}, in the order
     * it declares them: go-kit's {@code prometheus.NewCounter}.
     *
     * @throws IllegalArgumentException if the counter has no label of one of these names
     */
    public static PrometheusCounter wrap(io.prometheus.metrics.core.metrics.Counter metric, String... labelNames) {
        return new PrometheusCounter(metric, Series.root(new Resolver<>(metric, labelNames, metric::labelValues, metric)));
    }

    @Override
    public PrometheusCounter with(String... labelValues) {
        Series<CounterDataPoint> next = series.with(labelValues);
        return next == series ? this : new PrometheusCounter(metric, next);
    }

    @Override
    public void add(double delta) {
        series.point().inc(delta);
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return series.labels();
    }

    /** The declared label names, in declaration order. */
    public List<String> labelNames() {
        return series.names();
    }

    /** The Prometheus counter behind this one. */
    public io.prometheus.metrics.core.metrics.Counter unwrap() {
        return metric;
    }
}
