package io.kit4j.tracing;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.ClientFinalizer;
import io.kit4j.transport.http.ClientRequest;
import io.kit4j.transport.http.ClientRequestHook;
import io.kit4j.transport.http.ClientResponseHook;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.URI;

/**
 * Client-side tracing for kit4j-http's {@link ClientEndpoint}: go-kit's {@code zipkin.HTTPClientTrace}
 * (before hook, after hook, finalizer) on OpenTelemetry. Each call is a CLIENT span, a child of the trace
 * in the kit4j context (or the thread's current span), whose identity is written into the request headers
 * (W3C {@code traceparent} and B3 with {@link Propagation#w3cAndB3()}) so the server continues the trace.
 *
 * <p>Span name {@code METHOD}. Attributes per OpenTelemetry's HTTP client conventions:
 * {@code http.request.method}, {@code server.address}, {@code server.port}, {@code url.full} (without
 * user info, query or fragment), {@code http.response.status_code}; a 4xx or 5xx answer sets status ERROR
 * and {@code error.type} to the code, a call that got no answer (refused, timed out, cancelled) records the
 * exception and sets {@code error.type} to its class.
 *
 * <p>Under a span that is not sampled no CLIENT span is made (a parent-based sampler would drop it): the
 * caller's trace id, span id and decision are written as they are.
 *
 * <pre>{@code
 * ClientEndpoint<Q, R> c = tracing.httpClient().apply(ClientEndpoint.builder("GET", uri, enc, dec)).build();
 * }</pre>
 */
public final class HttpClientTracing {
    private static final ContextKey<Span> CALL = new ContextKey<>("tracing.http.client");
    private static final TextMapSetter<ClientRequest> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.header(key, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final SpanStart spanStart;

    HttpClientTracing(Tracer tracer, TextMapPropagator propagator, SpanStart spanStart) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.spanStart = spanStart;
    }

    /** Adds {@link #before()}, {@link #after()} and {@link #finalizer()} to {@code builder}; returns it. */
    public <Q, R> ClientEndpoint.Builder<Q, R> apply(ClientEndpoint.Builder<Q, R> builder) {
        return builder.before(before()).after(after()).finalizer(finalizer());
    }

    /** The before hook: starts the CLIENT span and writes the trace headers. */
    public ClientRequestHook before() {
        return (ctx, request) -> {
            io.opentelemetry.context.Context parent = TracingContext.otel(ctx);
            SpanContext p = Span.fromContext(parent).getSpanContext();
            if (SpanStart.unsampled(p)) { // nothing is recorded: the caller's ids go on the wire as they are
                propagator.inject(parent, request, SETTER);
                return ctx;
            }
            if (!p.isValid() && spanStart.dropNewTrace()) {
                propagator.inject(parent.with(SpanStart.unsampledRoot()), request, SETTER);
                return ctx;
            }
            SpanBuilder b = tracer.spanBuilder(io.kit4j.tracing.HttpAttributes.spanName(request.method(), null))
                    .setParent(p.isValid() ? parent : spanStart.newTraceParent()).setSpanKind(SpanKind.CLIENT);
            io.kit4j.tracing.HttpAttributes.setMethod(b, request.method());
            URI uri = request.uri();
            if (uri.getHost() != null) {
                b.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
                int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                b.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
                b.setAttribute(UrlAttributes.URL_FULL, uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "")
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
            Span span = b.startSpan();
            propagator.inject(parent.with(span), request, SETTER);
            return ctx.with(CALL, span);
        };
    }

    /** The after hook: records the status code. */
    public ClientResponseHook after() {
        return (ctx, response) -> {
            Span span = ctx.get(CALL);
            if (span != null && span.isRecording()) {
                span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.status());
                if (response.status() >= 400) {
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(response.status()));
                    span.setStatus(StatusCode.ERROR);
                }
            }
            return ctx;
        };
    }

    /** The finalizer: records a failure to get an answer and ends the span. */
    public ClientFinalizer finalizer() {
        return (ctx, error) -> {
            Span span = ctx.get(CALL);
            if (span == null) {
                return;
            }
            if (error != null && span.isRecording()) {
                span.recordException(error);
                if (ctxHasNoStatus(ctx)) {
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, error.getClass().getName());
                }
                span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
            }
            span.end();
        };
    }

    private static boolean ctxHasNoStatus(Context ctx) {
        return ctx.get(io.kit4j.transport.http.HttpContextKeys.RESPONSE_HEADERS) == null;
    }
}
