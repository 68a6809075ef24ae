package io.kit4j.metrics;

/**
 * A value that only goes up, such as the number of requests served: go-kit's {@code metrics.Counter}.
 *
 * <p>{@link #with} returns a new counter that carries more label values; the receiver is unchanged, so
 * one counter created at start-up can be specialised per call without locking:
 * {@code requests.with("method", "GetUser", "error", "false").add(1)}.
 *
 * <p>Counters are monotonic by contract; whether a negative delta is refused depends on the backend
 * (Prometheus refuses it, the in-memory one does not).
 */
public interface Counter {

    /**
     * A counter with {@code labelValues} (alternating names and values) appended to this one's; see
     * {@link LabelValues#with} for the exact rules.
     */
    Counter with(String... labelValues);

    /** Adds {@code delta} to the series of this counter's label values. */
    void add(double delta);
}
