package io.kit4j.tracing;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.ClientFinalizer;
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
import java.util.function.BiConsumer;

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
    private static final ContextKey<ClientCall> CALL = new ContextKey<>("tracing.http.client");
    private static final TextMapSetter<BiConsumer<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.accept(key, value);
        }
    };

    /** The CLIENT span of one call, and whether an answer came. */
    private static final class ClientCall {
        final Span span;
        boolean answered;

        ClientCall(Span span) {
            this.span = span;
        }
    }

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
        return (ctx, request) -> start(ctx, request.method(), request.uri(), request::header);
    }

    /** The after hook: records the status code. */
    public ClientResponseHook after() {
        return (ctx, response) -> {
            response(ctx, response.status());
            return ctx;
        };
    }

    /** The finalizer: records a failure to get an answer and ends the span. */
    public ClientFinalizer finalizer() {
        return this::end;
    }

    /**
     * Starts the CLIENT span of a call made with an HTTP client other than {@link ClientEndpoint} (a
     * proxy's own, say) and writes the trace headers through {@code setHeader} (which must replace a header
     * already there). Returns the context to pass to {@link #response} and {@link #end}. Under an unsampled
     * trace no span is made and the caller's ids are written.
     */
    public Context start(Context ctx, String method, URI uri, BiConsumer<String, String> setHeader) {
        io.opentelemetry.context.Context parent = TracingContext.otel(ctx);
        SpanContext p = Span.fromContext(parent).getSpanContext();
        if (SpanStart.unsampled(p)) { // nothing is recorded: the caller's ids go on the wire as they are
            propagator.inject(parent, setHeader, SETTER);
            return ctx;
        }
        if (!p.isValid() && spanStart.dropNewTrace()) {
            propagator.inject(parent.with(SpanStart.unsampledRoot()), setHeader, SETTER);
            return ctx;
        }
        SpanBuilder b = tracer.spanBuilder(io.kit4j.tracing.HttpAttributes.spanName(method, null))
                .setParent(p.isValid() ? parent : spanStart.newTraceParent()).setSpanKind(SpanKind.CLIENT);
        io.kit4j.tracing.HttpAttributes.setMethod(b, method);
        if (uri.getHost() != null) {
            b.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            b.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
            b.setAttribute(UrlAttributes.URL_FULL, uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
        Span span = b.startSpan();
        propagator.inject(parent.with(span), setHeader, SETTER);
        return ctx.with(CALL, new ClientCall(span));
    }

    /** Records the answer's status on the span {@link #start} began: a 4xx or 5xx is an error. */
    public void response(Context ctx, int status) {
        ClientCall call = ctx.get(CALL);
        if (call == null) {
            return;
        }
        call.answered = true;
        if (call.span.isRecording()) {
            call.span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            if (status >= 400) {
                call.span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
                call.span.setStatus(StatusCode.ERROR);
            }
        }
    }

    /** Ends the span {@link #start} began, recording {@code error} (null: none) as the call's failure. */
    public void end(Context ctx, Throwable error) {
        ClientCall call = ctx.get(CALL);
        if (call == null) {
            return;
        }
        Span span = call.span;
        if (error != null && span.isRecording()) {
            span.recordException(error);
            if (!call.answered) {
                span.setAttribute(ErrorAttributes.ERROR_TYPE, error.getClass().getName());
            }
            span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
        }
        span.end();
    }

    /** The span {@link #start} began (to add attributes), or an invalid span when it made none. */
    public static Span span(Context ctx) {
        ClientCall call = ctx.get(CALL);
        return call == null ? Span.getInvalid() : call.span;
    }
}
