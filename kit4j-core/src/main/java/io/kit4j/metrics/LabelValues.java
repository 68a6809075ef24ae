package io.kit4j.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable list of label names and values in pairs, {@code [name1, value1, name2, value2, ...]}: go-kit's
 * {@code lv.LabelValues}, the state behind every metric's {@code with}. Backends use it to implement
 * {@code with}; users rarely need it except to read an in-memory metric's labels.
 *
 * <p>Order is kept and is significant: {@code [a, 1, b, 2]} and {@code [b, 2, a, 1]} are different label
 * values, as in go-kit (Prometheus, which matches by name, treats them alike).
 */
public final class LabelValues {
    /** The value {@link #with} supplies when a name is given without one, as go-kit does. */
    public static final String UNKNOWN = "unknown";

    /** No labels. */
    public static final LabelValues EMPTY = new LabelValues(new String[0]);

    private final String[] pairs;

    private LabelValues(String[] pairs) {
        this.pairs = pairs;
    }

    /** The label values {@code pairs}, checked as {@link #with} checks them. */
    public static LabelValues of(String... pairs) {
        return EMPTY.with(pairs);
    }

    /**
     * These label values with {@code more} appended. An odd number of strings means the last name has no
     * value: {@link #UNKNOWN} is appended for it. A name may repeat; a backend that matches labels by name
     * takes the last value. Returns this instance when {@code more} is empty.
     *
     * @throws NullPointerException if a name or value is null
     */
    public LabelValues with(String... more) {
        if (more.length == 0) {
            return this;
        }
        for (int i = 0; i < more.length; i++) {
            Objects.requireNonNull(more[i], i % 2 == 0 ? "label name" : "value of label " + more[i - 1]);
        }
        int n = more.length + (more.length % 2);
        String[] next = Arrays.copyOf(pairs, pairs.length + n);
        System.arraycopy(more, 0, next, pairs.length, more.length);
        if (more.length % 2 == 1) {
            next[next.length - 1] = UNKNOWN;
        }
        return new LabelValues(next);
    }

    /** The number of name/value pairs. */
    public int size() {
        return pairs.length / 2;
    }

    /** True when there are no labels. */
    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** The name of pair {@code i}. */
    public String name(int i) {
        return pairs[2 * i];
    }

    /** The value of pair {@code i}. */
    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The names and values as one list, {@code [name1, value1, ...]}. */
    public List<String> asList() {
        return Collections.unmodifiableList(Arrays.asList(pairs));
    }

    /** The labels by name, in first-appearance order; a repeated name keeps its last value. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The values ordered as {@code names} declares them, the shape backends with declared label names
     * (Prometheus) need. A repeated name keeps its last value.
     *
     * @throws IllegalArgumentException if a label is not among {@code names} or a declared name has no value
     */
    public String[] valuesFor(List<String> names) {
        String[] out = new String[names.size()];
        for (int i = 0; i < pairs.length; i += 2) {
            int at = names.indexOf(pairs[i]);
            if (at < 0) {
                throw new IllegalArgumentException("label " + pairs[i] + " is not declared; declared labels: " + names);
            }
            out[at] = pairs[i + 1];
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalArgumentException("no value for label " + names.get(i) + "; label values given: " + this);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelValues other && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    /** {@code [name1=value1, name2=value2]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[i]).append('=').append(pairs[i + 1]);
        }
        return sb.append(']').toString();
    }
}
