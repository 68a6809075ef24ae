package io.kit4j.metrics;

/**
 * Metrics that do nothing: go-kit's {@code metrics/discard}. Pass them where a metric is required but
 * not wanted; {@code with} returns the same instance.
 */
public final class Discard {
    private static final Counter COUNTER = new Counter() {
        @Override
        public Counter with(String... labelValues) {
            return this;
        }

        @Override
        public void add(double delta) {
        }
    };
    private static final Gauge GAUGE = new Gauge() {
        @Override
        public Gauge with(String... labelValues) {
            return this;
        }

        @Override
        public void set(double value) {
        }

        @Override
        public void add(double delta) {
        }
    };
    private static final Histogram HISTOGRAM = new Histogram() {
        @Override
        public Histogram with(String... labelValues) {
            return this;
        }

        @Override
        public void observe(double value) {
        }
    };

    private Discard() {
    }

    /** The counter that ignores everything. */
    public static Counter counter() {
        return COUNTER;
    }

    /** The gauge that ignores everything. */
    public static Gauge gauge() {
        return GAUGE;
    }

    /** The histogram that ignores everything. */
    public static Histogram histogram() {
        return HISTOGRAM;
    }
}
