package io.kit4j.metrics.inmemory;

import java.util.Arrays;

/**
 * A bounded-memory approximate histogram (Ben-Haim and Tom-Tov's streaming histogram, the algorithm go-kit's
 * generic histogram uses): at most {@code maxBins} (centroid, count) bins, sorted by centroid. While there are
 * no more distinct values than bins it is exact; beyond that the two closest bins merge into their weighted
 * mean. Synchronized.
 */
final class StreamingHistogram {
    private final int maxBins;
    private final double[] centroids;
    private final long[] counts;
    private int bins;
    private long total;
    private double sum;

    StreamingHistogram(int maxBins) {
        this.maxBins = maxBins;
        this.centroids = new double[maxBins + 1];
        this.counts = new long[maxBins + 1];
    }

    synchronized void observe(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        total++;
        sum += v;
        int at = Arrays.binarySearch(centroids, 0, bins, v);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        int ins = -at - 1;
        System.arraycopy(centroids, ins, centroids, ins + 1, bins - ins);
        System.arraycopy(counts, ins, counts, ins + 1, bins - ins);
        centroids[ins] = v;
        counts[ins] = 1;
        bins++;
        if (bins > maxBins) {
            mergeClosest();
        }
    }

    private void mergeClosest() {
        int best = 0;
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < bins; i++) {
            double g = centroids[i + 1] - centroids[i];
            if (g < gap) {
                gap = g;
                best = i;
            }
        }
        long c = counts[best] + counts[best + 1];
        double merged = (centroids[best] * counts[best] + centroids[best + 1] * counts[best + 1]) / c;
        centroids[best] = Double.isFinite(merged) ? merged : centroids[best + 1];
        counts[best] = c;
        System.arraycopy(centroids, best + 2, centroids, best + 1, bins - best - 2);
        System.arraycopy(counts, best + 2, counts, best + 1, bins - best - 2);
        bins--;
    }

    /** The value at quantile {@code q} by nearest rank over the bins; NaN when empty. */
    synchronized double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total * (1 - 1e-12)));
        long seen = 0;
        for (int i = 0; i < bins; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return centroids[i];
            }
        }
        return centroids[bins - 1];
    }

    synchronized long count() {
        return total;
    }

    synchronized double sum() {
        return sum;
    }
}
