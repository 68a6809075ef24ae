/**
 * kit4j metrics backed by the Prometheus Java client 1.x, go-kit's {@code metrics/prometheus}:
 * {@link io.kit4j.metrics.prometheus.PrometheusCounter}, {@link io.kit4j.metrics.prometheus.PrometheusGauge},
 * {@link io.kit4j.metrics.prometheus.PrometheusHistogram} (buckets) and
 * {@link io.kit4j.metrics.prometheus.PrometheusSummary} (quantiles), made in a per-service registry by
 * {@link io.kit4j.metrics.prometheus.PrometheusMetrics}; {@link io.kit4j.metrics.prometheus.MetricsHandler}
 * serves the registry as {@code /metrics} on kit4j-http (text format, or OpenMetrics when asked);
 * {@link io.kit4j.metrics.prometheus.JvmMetrics} adds JVM and process metrics.
 *
 * <pre>{@code
 * PrometheusMetrics metrics = PrometheusMetrics.create().registerJvmMetrics();
 * NamedMiddleware instrumenting = InstrumentingMiddleware.named(
 *         metrics.counter("user_service_requests_total", "Requests received.", "method", "error"),
 *         metrics.histogram("user_service_request_duration_seconds", "Request duration.", "method", "error"));
 * router.get("/metrics", metrics.handler());
 * }</pre>
 *
 * <p>Differences from go-kit: metrics are registered in the registry you give (go-kit's constructors
 * register in the global one and panic on duplicates; here the Prometheus client throws); label values are
 * checked against the declared names and a mismatch throws {@link java.lang.IllegalArgumentException}
 * (go-kit panics in the client library): an undeclared name in {@code with}, a missing one on use. A
 * {@code with} that completes the labels creates the series at once, at 0.
 */
package io.kit4j.metrics.prometheus;
