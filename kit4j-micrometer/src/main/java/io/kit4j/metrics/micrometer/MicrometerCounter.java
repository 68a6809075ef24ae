package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * A kit4j {@link Counter} recording into a Micrometer counter of a {@link MeterRegistry}. Each distinct set
 * of label values is one Micrometer counter (same name, the labels as tags), registered on first use and
 * kept by this instance: an instance made once, as {@link io.kit4j.metrics.InstrumentingMiddleware} makes
 * them, costs the registry lookup once and then one add per call. A negative delta throws
 * {@link IllegalArgumentException}: Micrometer counters only go up.
 */
public final class MicrometerCounter implements Counter {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final LabelValues labels;
    private volatile io.micrometer.core.instrument.Counter meter;

    MicrometerCounter(MeterRegistry registry, String name, String description, LabelValues labels) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.labels = labels;
    }

    @Override
    public MicrometerCounter with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new MicrometerCounter(registry, name, description, next);
    }

    @Override
    public void add(double delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("counter " + name + ": negative delta " + delta + "; counters only go up");
        }
        meter().increment(delta);
    }

    /** The Micrometer counter of this instance's label values, registered if it was not yet. */
    public io.micrometer.core.instrument.Counter meter() {
        io.micrometer.core.instrument.Counter m = meter;
        if (m == null) {
            m = io.micrometer.core.instrument.Counter.builder(name).description(description)
                    .tags(TagsOf.of(labels)).register(registry);
            meter = m;
        }
        return m;
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }
}
