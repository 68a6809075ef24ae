package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.LabelValues;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Makes kit4j metrics that record into one Micrometer {@link MeterRegistry}: the way to reach the back
 * ends go-kit supports natively (StatsD, DogStatsD/Datadog, Graphite, InfluxDB, CloudWatch) and many more,
 * through Micrometer's registry for each. One instance per registry, made where the service is wired.
 *
 * <pre>{@code
 * MeterRegistry registry = new StatsdMeterRegistry(StatsdConfig.DEFAULT, Clock.SYSTEM);   // any registry
 * MicrometerMetrics metrics = MicrometerMetrics.on(registry);
 * NamedMiddleware instrumenting = InstrumentingMiddleware.named(
 *         metrics.counter("requests", "Requests received."),
 *         metrics.timer("request.duration", "Request duration."));
 * }</pre>
 *
 * <p>No label names are declared: {@code with(name, value, ...)} becomes the meter's tags (a repeated
 * name keeps its last value), and each distinct tag set is one meter of the registry. Names are passed as
 * given; each registry's naming convention turns them into its own form (Micrometer's convention is
 * lower-case words joined by dots: {@code http.server.requests}). Registry-wide settings (common tags,
 * filters, the step of push registries) are configured on the registry itself.
 */
public final class MicrometerMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<GaugeKey, GaugeValue> gauges = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Metrics recording into {@code registry}. */
    public static MicrometerMetrics on(MeterRegistry registry) {
        return new MicrometerMetrics(registry);
    }

    /** The registry the metrics record into. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A counter; each label set is a Micrometer counter named {@code name}. */
    public MicrometerCounter counter(String name, String description) {
        return new MicrometerCounter(registry, name, description, LabelValues.EMPTY);
    }

    /** A gauge; each label set is a Micrometer gauge named {@code name} reading a value this object keeps. */
    public MicrometerGauge gauge(String name, String description) {
        Objects.requireNonNull(name, "name");
        return new MicrometerGauge(this, name, description, LabelValues.EMPTY);
    }

    /** A histogram of arbitrary values recording into Micrometer distribution summaries (count, total, max). */
    public MicrometerHistogram histogram(String name, String description) {
        return histogram(name, description, b -> { });
    }

    /**
     * A histogram whose distribution summaries are built with {@code options}, for example
     * {@code b -> b.baseUnit("bytes").publishPercentiles(0.5, 0.99).serviceLevelObjectives(1024, 65536)}.
     * The options are applied for each label set.
     */
    public MicrometerHistogram histogram(String name, String description, Consumer<DistributionSummary.Builder> options) {
        return new MicrometerHistogram(registry, name, description, options, LabelValues.EMPTY);
    }

    /** A histogram of durations in seconds recording into Micrometer timers. */
    public MicrometerTimer timer(String name, String description) {
        return timer(name, description, b -> { });
    }

    /**
     * A histogram of durations in seconds whose Micrometer timers are built with {@code options}, for
     * example {@code b -> b.publishPercentileHistogram()}. The options are applied for each label set.
     */
    public MicrometerTimer timer(String name, String description, Consumer<Timer.Builder> options) {
        return new MicrometerTimer(registry, name, description, options, LabelValues.EMPTY);
    }

    /** The value holder of the gauge {@code name} with {@code tags}, registered on first request. */
    GaugeValue gaugeValue(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(new GaugeKey(name, tags), k -> {
            GaugeValue v = new GaugeValue();
            io.micrometer.core.instrument.Gauge.builder(name, v, GaugeValue::get).description(description)
                    .tags(tags).strongReference(true).register(registry);
            return v;
        });
    }

    private record GaugeKey(String name, Tags tags) {
    }
}
