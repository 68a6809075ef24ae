package io.kit4j.metrics;

import java.util.List;

/**
 * A histogram that forwards to several others: go-kit's {@code multi.Histogram}. {@link #with} applies
 * to each and returns a new {@code MultiHistogram}. Calls go to the histograms in order; one that throws
 * stops the rest.
 */
public final class MultiHistogram implements Histogram {
    private final Histogram[] histograms;

    private MultiHistogram(Histogram[] histograms) {
        this.histograms = histograms;
    }

    /** A histogram forwarding to {@code histograms}, in this order. */
    public static MultiHistogram of(Histogram... histograms) {
        return new MultiHistogram(List.of(histograms).toArray(Histogram[]::new));
    }

    @Override
    public MultiHistogram with(String... labelValues) {
        Histogram[] next = new Histogram[histograms.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = histograms[i].with(labelValues);
        }
        return new MultiHistogram(next);
    }

    @Override
    public void observe(double value) {
        for (Histogram h : histograms) {
            h.observe(value);
        }
    }
}
