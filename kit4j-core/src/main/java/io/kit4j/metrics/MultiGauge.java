package io.kit4j.metrics;

import java.util.List;

/**
 * A gauge that forwards to several others: go-kit's {@code multi.Gauge}. {@link #with} applies to each
 * and returns a new {@code MultiGauge}. Calls go to the gauges in order; one that throws stops the rest.
 */
public final class MultiGauge implements Gauge {
    private final Gauge[] gauges;

    private MultiGauge(Gauge[] gauges) {
        this.gauges = gauges;
    }

    /** A gauge forwarding to {@code gauges}, in this order. */
    public static MultiGauge of(Gauge... gauges) {
        return new MultiGauge(List.of(gauges).toArray(Gauge[]::new));
    }

    @Override
    public MultiGauge with(String... labelValues) {
        Gauge[] next = new Gauge[gauges.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = gauges[i].with(labelValues);
        }
        return new MultiGauge(next);
    }

    @Override
    public void set(double value) {
        for (Gauge g : gauges) {
            g.set(value);
        }
    }

    @Override
    public void add(double delta) {
        for (Gauge g : gauges) {
            g.add(delta);
        }
    }
}
