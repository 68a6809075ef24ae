package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.Gauge;
import io.kit4j.metrics.LabelValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gauge kept in memory and readable: go-kit's {@code generic.Gauge}. As with {@link InMemoryCounter},
 * a gauge and the gauges {@link #with} derives from it share one family of series keyed by label values
 * (go-kit's {@code With} copies the value into an independent gauge instead). Thread-safe.
 */
public final class InMemoryGauge implements Gauge {
    private final String name;
    private final LabelValues labels;
    private final ConcurrentHashMap<LabelValues, AtomicDouble> family;
    private volatile AtomicDouble cell;

    /** A new gauge family called {@code name}, with no label values. */
    public InMemoryGauge(String name) {
        this(Objects.requireNonNull(name, "name"), LabelValues.EMPTY, new ConcurrentHashMap<>());
    }

    private InMemoryGauge(String name, LabelValues labels, ConcurrentHashMap<LabelValues, AtomicDouble> family) {
        this.name = name;
        this.labels = labels;
        this.family = family;
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
    public InMemoryGauge with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new InMemoryGauge(name, next, family);
    }

    @Override
    public void set(double value) {
        cell().set(value);
    }

    @Override
    public void add(double delta) {
        cell().add(delta);
    }

    /** The value of this instance's series (0 if never set). */
    public double value() {
        AtomicDouble c = family.get(labels);
        return c == null ? 0 : c.get();
    }

    /** Every series of the family so far, by label values: a snapshot. */
    public Map<LabelValues, Double> values() {
        Map<LabelValues, Double> out = new HashMap<>();
        family.forEach((k, v) -> out.put(k, v.get()));
        return Map.copyOf(out);
    }

    /** The label values of every series of the family so far. */
    public Set<LabelValues> labelSets() {
        return Set.copyOf(family.keySet());
    }

    private AtomicDouble cell() {
        AtomicDouble c = cell;
        if (c == null) {
            c = family.computeIfAbsent(labels, k -> new AtomicDouble());
            cell = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return name + labels + " " + value();
    }
}
