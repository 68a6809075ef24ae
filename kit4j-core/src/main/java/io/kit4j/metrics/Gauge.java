package io.kit4j.metrics;

/**
 * A value that goes up and down, such as requests in flight or a queue's length: go-kit's
 * {@code metrics.Gauge}. {@link #with} returns a new gauge carrying more label values, as for
 * {@link Counter}.
 */
public interface Gauge {

    /** A gauge with {@code labelValues} (alternating names and values) appended; see {@link LabelValues#with}. */
    Gauge with(String... labelValues);

    /** Sets the series of this gauge's label values to {@code value}. */
    void set(double value);

    /** Adds {@code delta} (possibly negative) to the series of this gauge's label values. */
    void add(double delta);
}
