package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.Gauge;
import io.kit4j.metrics.LabelValues;
import java.util.Objects;

/**
 * A kit4j {@link Gauge} backed by Micrometer gauges. Micrometer gauges are read, not written: each
 * distinct set of label values gets one value holder, shared by every instance with those labels (through
 * {@link MicrometerMetrics}) and registered as a gauge the registry reads (strongly referenced, so it is
 * never collected while the registry lives). {@link #set} and {@link #add} change the holder atomically;
 * a push registry (StatsD, Datadog, ...) sends the value it reads at its own polling step.
 */
public final class MicrometerGauge implements Gauge {
    private final MicrometerMetrics metrics;
    private final String name;
    private final String description;
    private final LabelValues labels;
    private volatile GaugeValue value;

    MicrometerGauge(MicrometerMetrics metrics, String name, String description, LabelValues labels) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.labels = labels;
    }

    @Override
    public MicrometerGauge with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new MicrometerGauge(metrics, name, description, next);
    }

    @Override
    public void set(double v) {
        holder().set(v);
    }

    @Override
    public void add(double delta) {
        holder().add(delta);
    }

    /** The current value of this instance's series. */
    public double value() {
        return holder().get();
    }

    /** This instance's label values. */
    public LabelValues labelValues() {
        return labels;
    }

    private GaugeValue holder() {
        GaugeValue v = value;
        if (v == null) {
            v = metrics.gaugeValue(name, description, TagsOf.of(labels));
            value = v;
        }
        return v;
    }
}
