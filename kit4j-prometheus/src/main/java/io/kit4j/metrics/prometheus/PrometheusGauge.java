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
    private final Series<GaugeDataPoint> series;

    private PrometheusGauge(io.prometheus.metrics.core.metrics.Gauge metric, Series<GaugeDataPoint> series) {
        this.metric = metric;
        this.series = series;
    }

    /**
     * Wraps a Prometheus gauge whose label names are {@code labelNames}, in declaration order.
     *
     * @throws IllegalArgumentException if the gauge has no label of one of these names
     */
    public static PrometheusGauge wrap(io.prometheus.metrics.core.metrics.Gauge metric, String... labelNames) {
        return new PrometheusGauge(metric, Series.root(new Resolver<>(metric, labelNames, metric::labelValues, metric)));
    }

    @Override
    public PrometheusGauge with(String... labelValues) {
        Series<GaugeDataPoint> next = series.with(labelValues);
        return next == series ? this : new PrometheusGauge(metric, next);
    }

    @Override
    public void set(double value) {
        series.point().set(value);
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

    /** The Prometheus gauge behind this one. */
    public io.prometheus.metrics.core.metrics.Gauge unwrap() {
        return metric;
    }
}
