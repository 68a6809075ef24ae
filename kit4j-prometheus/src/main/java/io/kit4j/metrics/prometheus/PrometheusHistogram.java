package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.Histogram;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.List;

/**
 * A kit4j {@link Histogram} backed by a Prometheus histogram, which counts observations into buckets
 * ({@code _bucket{le=...}}, {@code _count}, {@code _sum}) that Prometheus aggregates across instances
 * with {@code histogram_quantile}: go-kit's {@code prometheus.Histogram}. Labels work as for
 * {@link PrometheusCounter}. For quantiles computed in the service, see {@link PrometheusSummary}.
 */
public final class PrometheusHistogram implements Histogram {
    private final io.prometheus.metrics.core.metrics.Histogram metric;
    private final Series<DistributionDataPoint> series;

    private PrometheusHistogram(io.prometheus.metrics.core.metrics.Histogram metric, Series<DistributionDataPoint> series) {
        this.metric = metric;
        this.series = series;
    }

    /**
     * Wraps a Prometheus histogram whose label names are {@code labelNames}, in declaration order.
     *
     * @throws IllegalArgumentException if the histogram has no label of one of these names
     */
    public static PrometheusHistogram wrap(io.prometheus.metrics.core.metrics.Histogram metric, String... labelNames) {
        return new PrometheusHistogram(metric, Series.root(new Resolver<>(metric, labelNames, metric::labelValues, metric)));
    }

    @Override
    public PrometheusHistogram with(String... labelValues) {
        Series<DistributionDataPoint> next = series.with(labelValues);
        return next == series ? this : new PrometheusHistogram(metric, next);
    }

    @Override
    public void observe(double value) {
        series.point().observe(value);
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return series.labels();
    }

    /** The declared label names, in declaration order. */
    public List<String> labelNames() {
        return series.names();
    }

    /** The Prometheus histogram behind this one. */
    public io.prometheus.metrics.core.metrics.Histogram unwrap() {
        return metric;
    }
}
