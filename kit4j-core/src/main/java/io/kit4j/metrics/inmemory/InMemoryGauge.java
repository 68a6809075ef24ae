package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.Gauge;
import io.kit4j.metrics.LabelValues;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A gauge kept in memory and readable: go-kit's {@code generic.Gauge}. As with {@link InMemoryCounter},
 * a gauge and the gauges {@link #with} derives from it share one family of series keyed by label values
 * (go-kit's {@code With} copies the value into an independent gauge instead). Thread-safe.
 */
public final class InMemoryGauge implements Gauge {
    private final DoubleSeries series;

    /** A new gauge family called {@code name}, with no label values. */
    public InMemoryGauge(String name) {
        this(new DoubleSeries(Objects.requireNonNull(name, "name")));
    }

    private InMemoryGauge(DoubleSeries series) {
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
    public InMemoryGauge with(String... labelValues) {
        DoubleSeries next = series.with(labelValues);
        return next == series ? this : new InMemoryGauge(next);
    }

    @Override
    public void set(double value) {
        series.cell().set(value);
    }

    @Override
    public void add(double delta) {
        series.cell().add(delta);
    }

    /** The value of this instance's series (0 if never set). */
    public double value() {
        return series.value();
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
