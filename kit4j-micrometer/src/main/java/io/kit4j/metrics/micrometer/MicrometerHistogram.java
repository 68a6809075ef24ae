package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.Histogram;
import io.kit4j.metrics.LabelValues;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A kit4j {@link Histogram} recording into a Micrometer {@link DistributionSummary}: count, total, max,
 * and whatever the options ask for (percentiles computed in the service, percentile histograms, service
 * level objective buckets, a base unit). Each distinct set of label values is one summary, registered on
 * first use and kept by the instance, as for {@link MicrometerCounter}.
 */
public final class MicrometerHistogram implements Histogram {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Consumer<DistributionSummary.Builder> options;
    private final LabelValues labels;
    private volatile DistributionSummary meter;

    MicrometerHistogram(MeterRegistry registry, String name, String description,
            Consumer<DistributionSummary.Builder> options, LabelValues labels) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.options = Objects.requireNonNull(options, "options");
        this.labels = labels;
    }

    @Override
    public MicrometerHistogram with(String... labelValues) {
        LabelValues next = labels.with(labelValues);
        return next == labels ? this : new MicrometerHistogram(registry, name, description, options, next);
    }

    @Override
    public void observe(double value) {
        meter().record(value);
    }

    /** The Micrometer summary of this instance's label values, registered if it was not yet. */
    public DistributionSummary meter() {
        DistributionSummary m = meter;
        if (m == null) {
            DistributionSummary.Builder b = DistributionSummary.builder(name).description(description)
                    .tags(TagsOf.of(labels));
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
