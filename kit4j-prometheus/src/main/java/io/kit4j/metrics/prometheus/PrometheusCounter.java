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
    private final Resolver<CounterDataPoint> resolver;
    private final LabelValues labels;
    private final CounterDataPoint point;

    private PrometheusCounter(io.prometheus.metrics.core.metrics.Counter metric, Resolver<CounterDataPoint> resolver,
            LabelValues labels, CounterDataPoint point) {
        this.metric = metric;
        this.resolver = resolver;
        this.labels = labels;
        this.point = point;
    }

    /**
     * Wraps a Prometheus counter (registered or not) whose label names are {@code labelNames}, in the order
     * it declares them: go-kit's {@code prometheus.NewCounter}.
     *
     * @throws IllegalArgumentException if the counter has no label of one of these names
     */
    public static PrometheusCounter wrap(io.prometheus.metrics.core.metrics.Counter metric, String... labelNames) {
        Resolver<CounterDataPoint> resolver = new Resolver<>(metric, labelNames, metric::labelValues, metric);
        return new PrometheusCounter(metric, resolver, LabelValues.EMPTY,
                labelNames.length == 0 ? metric : null);
    }

    @Override
    public PrometheusCounter with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new PrometheusCounter(metric, resolver, next, resolver.resolveIfComplete(next));
    }

    @Override
    public void add(double delta) {
        CounterDataPoint p = point;
        if (p == null) {
            p = resolver.resolve(labels);
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
