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
    private final Resolver<DistributionDataPoint> resolver;
    private final LabelValues labels;
    private final DistributionDataPoint point;

    private PrometheusHistogram(io.prometheus.metrics.core.metrics.Histogram metric,
            Resolver<DistributionDataPoint> resolver, LabelValues labels, DistributionDataPoint point) {
        this.metric = metric;
        this.resolver = resolver;
        this.labels = labels;
        this.point = point;
    }

    /**
     * Wraps a Prometheus histogram whose label names are {@code labelNames}, in declaration order.
     *
     * @throws IllegalArgumentException if the histogram has no label of one of these names
     */
    public static PrometheusHistogram wrap(io.prometheus.metrics.core.metrics.Histogram metric, String... labelNames) {
        Resolver<DistributionDataPoint> resolver = new Resolver<>(metric, labelNames, metric::labelValues, metric);
        return new PrometheusHistogram(metric, resolver, LabelValues.EMPTY,
                labelNames.length == 0 ? metric : null);
    }

    @Override
    public PrometheusHistogram with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new PrometheusHistogram(metric, resolver, next, resolver.resolveIfComplete(next));
    }

    @Override
    public void observe(double value) {
        DistributionDataPoint p = point;
        if (p == null) {
            p = resolver.resolve(labels);
        }
        p.observe(value);
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }

    /** The declared label names, in declaration order. */
    public List<String> labelNames() {
        return resolver.names();
    }

    /** The Prometheus histogram behind this one. */
    public io.prometheus.metrics.core.metrics.Histogram unwrap() {
        return metric;
    }
}
