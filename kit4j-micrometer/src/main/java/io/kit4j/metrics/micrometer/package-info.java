/**
 * kit4j metrics recording into a Micrometer {@link io.micrometer.core.instrument.MeterRegistry}: a bridge
 * from kit4j's {@link io.kit4j.metrics.Counter}, {@link io.kit4j.metrics.Gauge} and
 * {@link io.kit4j.metrics.Histogram} (go-kit's label-value style) to Micrometer's meters, so a service
 * reaches StatsD, DogStatsD/Datadog, Graphite, InfluxDB, CloudWatch and the other back ends Micrometer
 * has a registry for. go-kit has a package per back end ({@code metrics/statsd}, {@code dogstatsd},
 * {@code graphite}, {@code influx}, {@code cloudwatch}); kit4j has this one bridge plus
 * {@code kit4j-prometheus}.
 *
 * <p>{@link io.kit4j.metrics.micrometer.MicrometerMetrics} makes the metrics: a counter, a gauge, a
 * histogram of values (Micrometer distribution summary) and a histogram of durations in seconds
 * (Micrometer timer). {@code with(name, value, ...)} appends label values as in go-kit and returns a new
 * metric; the labels become the meter's tags.
 *
 * <p>Differences from go-kit's back ends: meters are made in the registry you give (no global state); a
 * negative counter delta throws; a gauge is a value the registry reads at its own pace, so a push registry
 * sends its latest value once per step rather than every change; go-kit's statsd histograms sample and
 * send every observation, Micrometer's StatsD registry sends every observation too, while step-based
 * registries (Datadog API, CloudWatch, Influx) aggregate per step.
 */
package io.kit4j.metrics.micrometer;
