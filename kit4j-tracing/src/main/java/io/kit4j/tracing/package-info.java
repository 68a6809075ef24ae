/**
 * Tracing on OpenTelemetry, go-kit's {@code tracing/zipkin} and {@code tracing/opentracing} for kit4j:
 * {@link io.kit4j.tracing.Tracing} ties one tracer and one header format together and hands out
 * the endpoint middleware ({@link io.kit4j.tracing.TracingMiddleware}: a span per call, errors and
 * business errors recorded), the kit4j-http server hooks ({@link io.kit4j.tracing.HttpServerTracing}:
 * extract the caller's trace, a SERVER span per request) and client hooks
 * ({@link io.kit4j.tracing.HttpClientTracing}: a CLIENT span per call, trace headers written), with span
 * attributes after OpenTelemetry's HTTP semantic conventions. Headers are W3C {@code traceparent} and
 * Zipkin B3 ({@link io.kit4j.tracing.Propagation}). {@link io.kit4j.tracing.TracingSetup} builds an SDK
 * exporting to Zipkin or OTLP; {@link io.kit4j.tracing.TraceLogging} puts the trace id in log lines.
 *
 * <p>The trace travels in the kit4j {@link io.kit4j.context.Context} ({@link io.kit4j.tracing.TracingContext});
 * the middleware and server hooks also make their span the thread's current OpenTelemetry span while the
 * request runs (each request has its own virtual thread), which the log valuers and any
 * OpenTelemetry-instrumented library read.
 */
package io.kit4j.tracing;
