package io.kit4j.tracing;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.opentelemetry.api.trace.Span;

/**
 * Where the current trace lives in a kit4j {@link Context}: the OpenTelemetry context (its span, its
 * baggage) that the tracing middleware and hooks put there for the code they call. kit4j passes context
 * explicitly; a request's trace travels in it from the server hook to the endpoint to the client hook.
 * When a kit4j context carries none, the thread's current OpenTelemetry context is used, so code under an
 * OpenTelemetry agent or a span made current by hand still joins the trace.
 */
public final class TracingContext {
    /** The OpenTelemetry context of the current span. */
    public static final ContextKey<io.opentelemetry.context.Context> OTEL = new ContextKey<>("tracing.otel");

    private TracingContext() {
    }

    /** The OpenTelemetry context in {@code ctx}, else the thread's current one. */
    public static io.opentelemetry.context.Context otel(Context ctx) {
        io.opentelemetry.context.Context c = ctx.get(OTEL);
        return c != null ? c : io.opentelemetry.context.Context.current();
    }

    /** The span in {@code ctx} (else the thread's current span); an invalid span when there is none. */
    public static Span span(Context ctx) {
        return Span.fromContext(otel(ctx));
    }

    /** {@code ctx} carrying {@code otel} as its trace. */
    public static Context with(Context ctx, io.opentelemetry.context.Context otel) {
        return ctx.with(OTEL, otel);
    }
}
