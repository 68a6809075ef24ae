package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.Gauge;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.List;

/**
 * A kit4j {@link Gauge} backed by a Prometheus gauge: go-kit's {@code prometheus.Gauge}. Labels work as
 * for {@link PrometheusCounter}: names declared at creation, values from {@link #with}, the series looked
 * up (and created) once {@code with} completes them, and kept.
 */
public final class PrometheusGauge implements Gauge {
    private final io.prometheus.metrics.core.metrics.Gauge metric;
    private final Resolver<GaugeDataPoint> resolver;
    private final LabelValues labels;
    private final GaugeDataPoint point;

    private PrometheusGauge(io.prometheus.metrics.core.metrics.Gauge metric, Resolver<GaugeDataPoint> resolver,
            LabelValues labels, GaugeDataPoint point) {
        this.metric = metric;
        this.resolver = resolver;
        this.labels = labels;
        this.point = point;
    }

    /**
     * Wraps a Prometheus gauge whose label names are {@code labelNames}, in declaration order.
     *
     * @throws IllegalArgumentException if the gauge has no label of one of these names
     */
    public static PrometheusGauge wrap(io.prometheus.metrics.core.metrics.Gauge metric, String... labelNames) {
        Resolver<GaugeDataPoint> resolver = new Resolver<>(metric, labelNames, metric::labelValues, metric);
        return new PrometheusGauge(metric, resolver, LabelValues.EMPTY,
                labelNames.length == 0 ? metric : null);
    }

    @Override
    public PrometheusGauge with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new PrometheusGauge(metric, resolver, next, resolver.resolveIfComplete(next));
    }

    @Override
    public void set(double value) {
        point().set(value);
    }

    @Override
    public void add(double delta) {
        point().inc(delta);
    }

    private GaugeDataPoint point() {
        GaugeDataPoint p = point;
        if (p == null) {
            p = resolver.resolve(labels);
        }
        return p;
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }

    /** The declared label names, in declaration order. */
    public List<String> labelNames() {
        return resolver.names();
    }

    /** The Prometheus gauge behind this one. */
    public io.prometheus.metrics.core.metrics.Gauge unwrap() {
        return metric;
    }
}
