package io.kit4j.metrics.prometheus;

import io.kit4j.metrics.Histogram;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.List;

/**
 * A kit4j {@link Histogram} backed by a Prometheus summary, which computes quantiles in the service over a
 * sliding time window ({@code {quantile="0.99"}}, {@code _count}, {@code _sum}): go-kit's
 * {@code prometheus.Summary}, the type the reference service uses for latency. Quantiles of different
 * instances cannot be aggregated; prefer {@link PrometheusHistogram} when Prometheus should combine them.
 * Labels work as for {@link PrometheusCounter}.
 */
public final class PrometheusSummary implements Histogram {
    private final io.prometheus.metrics.core.metrics.Summary metric;
    private final Series<DistributionDataPoint> series;

    private PrometheusSummary(io.prometheus.metrics.core.metrics.Summary metric, Series<DistributionDataPoint> series) {
        this.metric = metric;
        this.series = series;
    }

    /**
     * Wraps a Prometheus summary whose label names are {@code labelNames}, in declaration order.
     *
     * @throws IllegalArgumentException if the summary has no label of one of these names
     */
    public static PrometheusSummary wrap(io.prometheus.metrics.core.metrics.Summary metric, String... labelNames) {
        return new PrometheusSummary(metric, Series.root(new Resolver<>(metric, labelNames, metric::labelValues, metric)));
    }

    @Override
    public PrometheusSummary with(String... labelValues) {
        Series<DistributionDataPoint> next = series.with(labelValues);
        return next == series ? this : new PrometheusSummary(metric, next);
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

    /** The Prometheus summary behind this one. */
    public io.prometheus.metrics.core.metrics.Summary unwrap() {
        return metric;
    }
}
