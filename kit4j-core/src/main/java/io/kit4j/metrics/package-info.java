/**
 * Metrics as small write-only interfaces, after go-kit's {@code metrics} package: {@link
 * io.kit4j.metrics.Counter}, {@link io.kit4j.metrics.Gauge} and {@link io.kit4j.metrics.Histogram}.
 * Create them once where the service is wired (in {@code main}), pass them to the code that records,
 * and let that code add labels with {@code with}; never reach for a global. JDK only.
 *
 * <pre>{@code
 * Counter requests = ...;   // in-memory, Prometheus (kit4j-prometheus), or Discard.counter()
 * Histogram latency = ...;
 * NamedMiddleware metrics = InstrumentingMiddleware.named(requests, latency);
 * requests.with("method", "GetUser", "error", "false").add(1);
 * try (Timer t = Timer.start(latency.with("method", "GetUser", "error", "false"))) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>{@code with(labelValues...)} takes alternating names and values and appends them to the metric's
 *       own ({@link io.kit4j.metrics.LabelValues}); an odd count gives the last name the value
 *       {@code "unknown"}. It returns a new metric and leaves the receiver unchanged, so metrics are
 *       safe to share between threads and to specialise per call.</li>
 *   <li>{@link io.kit4j.metrics.Timer} observes elapsed time (seconds by default) on a
 *       {@link io.kit4j.time.Clock}; {@link io.kit4j.metrics.InstrumentingMiddleware} counts and times
 *       endpoint calls by {@code method} and {@code error}.</li>
 *   <li>{@link io.kit4j.metrics.MultiCounter}, {@link io.kit4j.metrics.MultiGauge} and
 *       {@link io.kit4j.metrics.MultiHistogram} fan out to several backends;
 *       {@link io.kit4j.metrics.Discard} does nothing.</li>
 *   <li>Backends: {@link io.kit4j.metrics.inmemory} (go-kit's {@code generic}, readable in tests) here;
 *       Prometheus in the module {@code kit4j-prometheus}.</li>
 * </ul>
 *
 * <p>Deviations from go-kit: a null label name or value is refused ({@link java.lang.NullPointerException}),
 * Go strings cannot be nil; {@link io.kit4j.metrics.Timer#unit} returns a new timer instead of changing
 * the receiver.
 */
package io.kit4j.metrics;
