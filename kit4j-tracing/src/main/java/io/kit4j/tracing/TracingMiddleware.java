package io.kit4j.tracing;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.endpoint.Middleware;
import io.kit4j.endpoint.NamedMiddleware;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.Objects;

/**
 * An endpoint middleware that records each call as a span: go-kit's {@code tracing/zipkin.TraceEndpoint}
 * (and {@code opentracing.TraceEndpoint}) on OpenTelemetry.
 *
 * <p>The span is named after the endpoint, of kind INTERNAL, a child of the trace in the kit4j context
 * ({@link TracingContext}; a server hook puts the request's span there), or of the thread's current span,
 * or a new trace. The endpoint runs with the span in its kit4j context and as the thread's current span,
 * so client calls and log lines made inside join it. A thrown exception is recorded on the span
 * ({@code exception} event, {@code error.type} = its class, status ERROR with its message) and rethrown;
 * a {@link Failer} response with a business error is recorded the same way (go-kit's default; its
 * {@code IgnoreBusinessError} option has no counterpart yet).
 *
 * <p>Under a span that is not sampled (most requests at a low sampling ratio) the endpoint is called
 * as it is, with no span of its own: a parent-based sampler would drop that span, so kit4j does not make
 * it (its log lines then carry the request span's ids). This assumes the tracer's sampler is
 * parent-based, as OpenTelemetry's default and {@link TracingSetup}'s are.
 */
public final class TracingMiddleware {
    private TracingMiddleware() {
    }

    /** Traces the endpoint called {@code name} with spans from {@code tracer}. */
    public static <Q, R> Middleware<Q, R> of(Tracer tracer, String name) {
        return of(tracer, SpanStart.SDK_DECIDES, name);
    }

    static <Q, R> Middleware<Q, R> of(Tracer tracer, SpanStart start, String name) {
        Objects.requireNonNull(tracer, "tracer");
        Objects.requireNonNull(name, "name");
        return next -> (ctx, request) -> {
            io.opentelemetry.context.Context parent = TracingContext.otel(ctx);
            SpanContext p = Span.fromContext(parent).getSpanContext();
            if (SpanStart.unsampled(p)) {
                return next.call(ctx, request); // nothing under it is recorded: no span, the request's stays current
            }
            Span span;
            if (!p.isValid() && start.dropNewTrace()) {
                span = SpanStart.unsampledRoot();
            } else {
                span = tracer.spanBuilder(name).setParent(p.isValid() ? parent : start.newTraceParent())
                        .setSpanKind(SpanKind.INTERNAL).startSpan();
            }
            io.opentelemetry.context.Context current = parent.with(span);
            Scope scope = current.makeCurrent();
            try {
                R r = next.call(TracingContext.with(ctx, current), request);
                if (r instanceof Failer f && f.failed() != null) {
                    recordError(span, f.failed());
                }
                return r;
            } catch (Exception | Error e) {
                recordError(span, e);
                throw e;
            } finally {
                scope.close();
                span.end();
            }
        };
    }

    /** Traces every endpoint it is applied to, each span named after its endpoint. */
    public static NamedMiddleware named(Tracer tracer) {
        return named(tracer, SpanStart.SDK_DECIDES);
    }

    static NamedMiddleware named(Tracer tracer, SpanStart start) {
        Objects.requireNonNull(tracer, "tracer");
        return new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return TracingMiddleware.<Q, R>of(tracer, start, name).apply(next);
            }
        };
    }

    static void recordError(Span span, Throwable e) {
        if (!span.isRecording()) {
            return;
        }
        span.recordException(e);
        span.setAttribute(ErrorAttributes.ERROR_TYPE, e.getClass().getName());
        span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
