package io.kit4j.metrics.inmemory;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final String name;
    private final LabelValues labels;
    private final ConcurrentHashMap<LabelValues, AtomicDouble> family;
    private volatile AtomicDouble cell;

    /** A new counter family called {@code name}, with no label values. */
    public InMemoryCounter(String name) {
        this(Objects.requireNonNull(name, "name"), LabelValues.EMPTY, new ConcurrentHashMap<>());
    }

    private InMemoryCounter(String name, LabelValues labels, ConcurrentHashMap<LabelValues, AtomicDouble> family) {
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
    public InMemoryCounter with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new InMemoryCounter(name, next, family);
    }

    @Override
    public void add(double delta) {
        cell().add(delta);
    }

    /** The value of this instance's series (0 if nothing was added). */
    public double value() {
        AtomicDouble c = family.get(labels);
        return c == null ? 0 : c.get();
    }

    /** The value of this instance's series, set back to 0 in the same atomic step. */
    public double valueReset() {
        AtomicDouble c = family.get(labels);
        return c == null ? 0 : c.getAndReset();
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
