package io.kit4j.metrics;

/**
 * A distribution of observed values, such as request durations in seconds: go-kit's
 * {@code metrics.Histogram}. Backends keep buckets (Prometheus histograms), quantiles (Prometheus
 * summaries, the in-memory histogram) or both. {@link #with} returns a new histogram carrying more label
 * values, as for {@link Counter}. {@link Timer} observes elapsed time into one.
 */
public interface Histogram {

    /** A histogram with {@code labelValues} (alternating names and values) appended; see {@link LabelValues#with}. */
    Histogram with(String... labelValues);

    /** Records one observation in the series of this histogram's label values. */
    void observe(double value);
}
