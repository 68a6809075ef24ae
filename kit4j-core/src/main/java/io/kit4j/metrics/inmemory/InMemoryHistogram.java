package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.Histogram;
import io.kit4j.metrics.LabelValues;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A histogram kept in memory that answers quantiles: go-kit's {@code generic.Histogram}.
 *
 * <pre>{@code
 * InMemoryHistogram latency = new InMemoryHistogram("request_duration_seconds");
 * latency.with("method", "GetUser").observe(0.012);
 * latency.with("method", "GetUser").quantile(0.99);
 * }</pre>
 *
 * <p>Each series is a streaming histogram of at most {@code maxBins} bins (go-kit suggests 50): exact
 * while a series has seen no more distinct values than that, approximate beyond (the closest bins merge),
 * in bounded memory either way. {@link #quantile} answers by nearest rank: for the observations 1..100,
 * {@code quantile(0.5)} is 50 and {@code quantile(0.99)} is 99.
 *
 * <p>As with {@link InMemoryCounter}, the histograms {@link #with} derives share one family in which
 * every distinct {@link LabelValues} is its own series. (go-kit's generic histogram shares one
 * distribution between all label values.) Differences from go-kit kept on purpose: an empty series
 * answers NaN rather than -1, and NaN observations are ignored. Thread-safe.
 */
public final class InMemoryHistogram implements Histogram {
    /** The number of bins per series when none is given. */
    public static final int DEFAULT_MAX_BINS = 50;

    private final String name;
    private final int maxBins;
    private final LabelValues labels;
    private final ConcurrentHashMap<LabelValues, StreamingHistogram> family;
    private volatile StreamingHistogram cell;

    /** A new histogram family called {@code name}, {@link #DEFAULT_MAX_BINS} bins per series. */
    public InMemoryHistogram(String name) {
        this(name, DEFAULT_MAX_BINS);
    }

    /**
     * A new histogram family called {@code name}, at most {@code maxBins} bins per series.
     *
     * @throws IllegalArgumentException if {@code maxBins} is less than 1
     */
    public InMemoryHistogram(String name, int maxBins) {
        this(Objects.requireNonNull(name, "name"), checkBins(maxBins), LabelValues.EMPTY, new ConcurrentHashMap<>());
    }

    private InMemoryHistogram(String name, int maxBins, LabelValues labels,
            ConcurrentHashMap<LabelValues, StreamingHistogram> family) {
        this.name = name;
        this.maxBins = maxBins;
        this.labels = labels;
        this.family = family;
    }

    private static int checkBins(int maxBins) {
        if (maxBins < 1) {
            throw new IllegalArgumentException("maxBins must be at least 1: " + maxBins);
        }
        return maxBins;
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }

    @Override
    public InMemoryHistogram with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new InMemoryHistogram(name, maxBins, next, family);
    }

    @Override
    public void observe(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        StreamingHistogram h = cell;
        if (h == null) {
            h = family.computeIfAbsent(labels, k -> new StreamingHistogram(maxBins));
            cell = h;
        }
        h.observe(value);
    }

    /**
     * The value at quantile {@code q} of this instance's series (nearest rank); NaN when it has no
     * observations.
     *
     * @throws IllegalArgumentException if {@code q} is outside [0, 1]
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1]: " + q);
        }
        StreamingHistogram h = family.get(labels);
        return h == null ? Double.NaN : h.quantile(q);
    }

    /** The number of observations in this instance's series. */
    public long count() {
        StreamingHistogram h = family.get(labels);
        return h == null ? 0 : h.count();
    }

    /** The sum of the observations in this instance's series. */
    public double sum() {
        StreamingHistogram h = family.get(labels);
        return h == null ? 0 : h.sum();
    }

    /** The mean of this instance's series; NaN when it has no observations. */
    public double mean() {
        StreamingHistogram h = family.get(labels);
        return h == null ? Double.NaN : h.sum() / h.count();
    }

    /** The label values of every series of the family so far. */
    public Set<LabelValues> labelSets() {
        return Set.copyOf(family.keySet());
    }

    @Override
    public String toString() {
        return name + labels + " count=" + count() + " sum=" + sum();
    }
}
