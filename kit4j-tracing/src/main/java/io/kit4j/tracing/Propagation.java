package io.kit4j.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;

/**
 * The header formats kit4j's HTTP hooks read and write. {@link #w3cAndB3()} is the default of
 * {@link TracingSetup}: it writes W3C {@code traceparent} (and {@code tracestate}) and Zipkin's B3 headers
 * ({@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled}, as go-kit's Zipkin tracing writes them),
 * and reads W3C, B3 multi-header or single {@code b3}; when a request carries both, W3C wins.
 */
public final class Propagation {
    private Propagation() {
    }

    /** Writes W3C and B3 multi-headers; reads either (W3C first). */
    public static TextMapPropagator w3cAndB3() {
        // Extraction runs in order and a later propagator overrides an earlier one: B3 first, W3C last.
        return TextMapPropagator.composite(B3Propagator.injectingMultiHeaders(), W3CTraceContextPropagator.getInstance());
    }

    /** W3C trace context only. */
    public static TextMapPropagator w3c() {
        return W3CTraceContextPropagator.getInstance();
    }

    /** B3 only: writes the multi-header form, reads both forms. */
    public static TextMapPropagator b3() {
        return B3Propagator.injectingMultiHeaders();
    }

    /** B3 only: writes the single {@code b3} header, reads both forms. */
    public static TextMapPropagator b3Single() {
        return B3Propagator.injectingSingleHeader();
    }
}
