package io.kit4j.metrics;

import java.util.List;

/**
 * A counter that forwards to several others, for example Prometheus and an in-memory counter read by a
 * health check: go-kit's {@code multi.Counter}. {@link #with} applies to each and returns a new
 * {@code MultiCounter}. Calls go to the counters in order; one that throws stops the rest.
 */
public final class MultiCounter implements Counter {
    private final Counter[] counters;

    private MultiCounter(Counter[] counters) {
        this.counters = counters;
    }

    /** A counter forwarding to {@code counters}, in this order. */
    public static MultiCounter of(Counter... counters) {
        return new MultiCounter(List.of(counters).toArray(Counter[]::new));
    }

    @Override
    public MultiCounter with(String... labelValues) {
        Counter[] next = new Counter[counters.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = counters[i].with(labelValues);
        }
        return new MultiCounter(next);
    }

    @Override
    public void add(double delta) {
        for (Counter c : counters) {
            c.add(delta);
        }
    }
}
