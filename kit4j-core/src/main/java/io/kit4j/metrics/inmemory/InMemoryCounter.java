package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A counter kept in memory and readable: go-kit's {@code generic.Counter}, for tests and for code that
 * reads its own metrics.
 *
 * <pre>{@code
 * InMemoryCounter requests = new InMemoryCounter("requests_total");
 * requests.with("method", "GetUser").add(1);
 * requests.with("method", "GetUser").value();   // 1.0
 * requests.values();                            // {[method=GetUser]=1.0}
 * }</pre>
 *
 * <p>A counter and everything {@link #with} derives from it form one family that shares its storage:
 * each distinct {@link LabelValues} is its own series, so the value recorded through one instance is read
 * through any other with the same label values. (go-kit's {@code With} instead copies the current value
 * into a new, independent counter.) Thread-safe; a negative delta is not refused.
 */
public final class InMemoryCounter implements Counter {
    private final DoubleSeries series;

    /** A new counter family called {@code name}, with no label values. */
    public InMemoryCounter(String name) {
        this(new DoubleSeries(Objects.requireNonNull(name, "name")));
    }

    private InMemoryCounter(DoubleSeries series) {
        this.series = series;
    }

    /** The name given at creation. */
    public String name() {
        return series.name();
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return series.labels();
    }

    @Override
    public InMemoryCounter with(String... labelValues) {
        DoubleSeries next = series.with(labelValues);
        return next == series ? this : new InMemoryCounter(next);
    }

    @Override
    public void add(double delta) {
        series.cell().add(delta);
    }

    /** The value of this instance's series (0 if nothing was added). */
    public double value() {
        return series.value();
    }

    /** The value of this instance's series, set back to 0 in the same atomic step. */
    public double valueReset() {
        return series.valueReset();
    }

    /** Every series of the family so far, by label values: a snapshot. */
    public Map<LabelValues, Double> values() {
        return series.values();
    }

    /** The label values of every series of the family so far. */
    public Set<LabelValues> labelSets() {
        return series.labelSets();
    }

    @Override
    public String toString() {
        return series.toString();
    }
}
