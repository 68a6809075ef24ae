package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.Histogram;
import io.kit4j.metrics.LabelValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A kit4j {@link Histogram} of durations in <em>seconds</em> (what {@link io.kit4j.metrics.Timer} and
 * {@link io.kit4j.metrics.InstrumentingMiddleware} observe) recording into a Micrometer {@link Timer}, so
 * each registry reports it in its own time unit and type (StatsD {@code |ms}, Prometheus seconds, ...).
 * An observation is rounded to the nanosecond; a negative one is dropped, as Micrometer timers drop it.
 * Each distinct set of label values is one timer, registered on first use and kept by the instance.
 */
public final class MicrometerTimer implements Histogram {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Consumer<Timer.Builder> options;
    private final LabelValues labels;
    private volatile Timer meter;

    MicrometerTimer(MeterRegistry registry, String name, String description, Consumer<Timer.Builder> options,
            LabelValues labels) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.options = Objects.requireNonNull(options, "options");
        this.labels = labels;
    }

    @Override
    public MicrometerTimer with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new MicrometerTimer(registry, name, description, options, next);
    }

    /** Records {@code seconds}. */
    @Override
    public void observe(double seconds) {
        meter().record(Math.round(seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    /** The Micrometer timer of this instance's label values, registered if it was not yet. */
    public Timer meter() {
        Timer m = meter;
        if (m == null) {
            Timer.Builder b = Timer.builder(name).description(description).tags(TagsOf.of(labels));
            options.accept(b);
            m = b.register(registry);
            meter = m;
        }
        return m;
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }
}
