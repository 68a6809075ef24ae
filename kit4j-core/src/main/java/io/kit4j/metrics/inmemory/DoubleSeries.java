package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.LabelValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One series of a family of in-memory values keyed by label values: the storage {@link InMemoryCounter}
 * and {@link InMemoryGauge} share. Every series {@link #with} derives shares the family's map; each
 * remembers its own cell once it has one. Thread-safe.
 */
final class DoubleSeries {
    private final String name;
    private final LabelValues labels;
    private final ConcurrentHashMap<LabelValues, AtomicDouble> family;
    private volatile AtomicDouble cell;

    DoubleSeries(String name) {
        this(name, LabelValues.EMPTY, new ConcurrentHashMap<>());
    }

    private DoubleSeries(String name, LabelValues labels, ConcurrentHashMap<LabelValues, AtomicDouble> family) {
        this.name = name;
        this.labels = labels;
        this.family = family;
    }

    String name() {
        return name;
    }

    LabelValues labels() {
        return labels;
    }

    /** The series of the same family with {@code labelValues} added; this one when none are given. */
    DoubleSeries with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new DoubleSeries(name, next, family);
    }

    /** This series' cell, made on first use. */
    AtomicDouble cell() {
        AtomicDouble c = cell;
        if (c == null) {
            c = family.computeIfAbsent(labels, k -> new AtomicDouble());
            cell = c;
        }
        return c;
    }

    /** The value of this series (0 if nothing was recorded). */
    double value() {
        AtomicDouble c = family.get(labels);
        return c == null ? 0 : c.get();
    }

    /** The value of this series, set back to 0 in the same atomic step. */
    double valueReset() {
        AtomicDouble c = family.get(labels);
        return c == null ? 0 : c.getAndReset();
    }

    /** Every series of the family so far, by label values: a snapshot. */
    Map<LabelValues, Double> values() {
        Map<LabelValues, Double> out = new HashMap<>();
        family.forEach((k, v) -> out.put(k, v.get()));
        return Map.copyOf(out);
    }

    /** The label values of every series of the family so far. */
    Set<LabelValues> labelSets() {
        return Set.copyOf(family.keySet());
    }

    @Override
    public String toString() {
        return name + labels + " " + value();
    }
}
