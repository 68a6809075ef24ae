package io.kit4j.tracing;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.transport.http.Handler;
import io.kit4j.transport.http.HttpContextKeys;
import io.kit4j.transport.http.RequestHook;
import io.kit4j.transport.http.ServerFinalizer;
import io.kit4j.transport.http.ServerRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;

/**
 * Server-side tracing for kit4j-http: go-kit's {@code zipkin.HTTPServerTrace} (a before hook and a
 * finalizer) on OpenTelemetry. A request's trace is read from its headers (W3C {@code traceparent}, B3,
 * whatever the {@link Tracing}'s propagator reads), a SERVER span is started as its child (a new trace when
 * none came) and put in the kit4j context and made current for the endpoint; the finalizer records the
 * status and ends it.
 *
 * <p>Span name {@code METHOD route} ({@code GET /users/{id}}), or {@code METHOD} when no route matched.
 * Attributes follow OpenTelemetry's HTTP server conventions: {@code http.request.method},
 * {@code url.path}, {@code url.scheme}, {@code http.route}, {@code server.address}, {@code server.port}
 * (from the {@code Host} header), {@code client.address}, {@code network.peer.address},
 * {@code network.peer.port}, {@code network.protocol.version}, {@code user_agent.original},
 * {@code http.response.status_code}, {@code http.response.body.size}; a 5xx answer sets status ERROR and
 * {@code error.type} to the status code (a 4xx is the client's error, not the server's). The query string
 * is not recorded (it may carry secrets).
 *
 * <p>Two ways to use it: {@link #before()} + {@link #finalizer()} on each {@code EndpointHandler}
 * (go-kit's way), or {@link #wrap(Handler)} around a whole {@code Router}, which also traces 404s and 405s.
 * Not both on one request: that makes two SERVER spans.
 *
 * <p>A request under a caller's unsampled trace (or a new trace that {@link TracingSetup}'s ratio drops)
 * gets a span of ids only: the trace id and flags, a new span id, no attributes, nothing recorded. The
 * propagator is called only when the request carries a header it may read.
 */
public final class HttpServerTracing {
    private static final ContextKey<ServerCall> CALL = new ContextKey<>("tracing.http.server");

    private static final TextMapGetter<ServerRequest> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequest carrier) {
            return carrier.headerNames();
        }

        @Override
        public String get(ServerRequest carrier, String key) {
            return carrier == null ? null : carrier.header(key);
        }
    };

    /** B3's headers: its propagator lists only those it writes among its fields, but reads both forms. */
    private static final List<String> B3_HEADERS = List.of("b3", "x-b3-traceid", "x-b3-spanid", "x-b3-sampled",
            "x-b3-flags", "x-b3-parentspanid");

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final SpanStart spanStart;
    private final Set<String> traceHeaders;

    HttpServerTracing(Tracer tracer, TextMapPropagator propagator, SpanStart spanStart) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.spanStart = spanStart;
        Set<String> names = new HashSet<>(B3_HEADERS);
        for (String f : propagator.fields()) {
            names.add(f.toLowerCase(Locale.ROOT));
        }
        this.traceHeaders = Set.copyOf(names);
    }

    private record ServerCall(Span span, Scope scope, String method) {
    }

    /** The before hook: extracts the caller's trace and starts the SERVER span (ended by {@link #finalizer()}). */
    public RequestHook before() {
        return this::start;
    }

    /** The finalizer: records the status and size, ends the span {@link #before()} started. */
    public ServerFinalizer finalizer() {
        return (ctx, status, request) -> finish(ctx, status, request, ctx.get(HttpContextKeys.ERROR),
                ctx.getOrDefault(HttpContextKeys.RESPONSE_SIZE, -1L));
    }

    /**
     * {@code next} (typically a {@code Router}) with a SERVER span around every request it handles, 404s
     * and 405s included; the route template, known once the router matched, names the span.
     */
    public Handler wrap(Handler next) {
        return (ctx, request, response) -> {
            Context c = start(ctx, request);
            Throwable failure = null;
            try {
                next.handle(c, request, response);
            } catch (Exception | Error e) {
                failure = e;
                throw e;
            } finally {
                int status = failure == null ? response.status() : ErrorInfo.of(failure).status();
                finish(c, status, request, failure, failure == null ? response.bytesWritten() : -1);
            }
        };
    }

    /**
     * Names the route of the request's SERVER span, for a handler that routes requests itself instead of
     * a {@code Router} (an API gateway): sets {@code http.route} and renames the span {@code METHOD route}.
     * Nothing when {@code ctx} has no span of these hooks or its span is not recorded.
     */
    public void route(Context ctx, String route) {
        ServerCall call = ctx.get(CALL);
        if (call != null && route != null && call.span().isRecording()) {
            call.span().setAttribute(HttpAttributes.HTTP_ROUTE, route);
            call.span().updateName(io.kit4j.tracing.HttpAttributes.spanName(call.method(), route));
        }
    }

    private Context start(Context ctx, ServerRequest request) {
        io.opentelemetry.context.Context root = io.opentelemetry.context.Context.root();
        io.opentelemetry.context.Context parent = carriesTrace(request) ? propagator.extract(root, request, GETTER) : root;
        SpanContext p = Span.fromContext(parent).getSpanContext();
        Span span;
        if (SpanStart.unsampled(p)) {
            span = SpanStart.unsampledChild(p);
        } else if (!p.isValid() && spanStart.dropNewTrace()) {
            span = SpanStart.unsampledRoot();
        } else {
            span = recorded(p.isValid() ? parent : spanStart.newTraceParent(), request);
        }
        io.opentelemetry.context.Context current = parent.with(span);
        Scope scope = current.makeCurrent();
        return TracingContext.with(ctx, current).with(CALL, new ServerCall(span, scope, request.method()));
    }

    /**
     * True when a header the propagator may read is present: one pass over the request's headers instead
     * of a lookup per format and header name (W3C and B3 read up to six).
     */
    private boolean carriesTrace(ServerRequest request) {
        for (HttpField f : request.unwrap().getHeaders()) {
            if (traceHeaders.contains(f.getLowerCaseName())) {
                return true;
            }
        }
        return false;
    }

    /** The SDK's span for a request that may be sampled, with the attributes a sampler may look at. */
    private Span recorded(io.opentelemetry.context.Context parent, ServerRequest request) {
        String route = request.routeTemplate();
        SpanBuilder b = tracer.spanBuilder(io.kit4j.tracing.HttpAttributes.spanName(request.method(), route))
                .setParent(parent).setSpanKind(SpanKind.SERVER);
        io.kit4j.tracing.HttpAttributes.setMethod(b, request.method());
        b.setAttribute(UrlAttributes.URL_PATH, request.path());
        String scheme = request.scheme();
        if (scheme != null) {
            b.setAttribute(UrlAttributes.URL_SCHEME, scheme);
        }
        if (route != null) {
            b.setAttribute(HttpAttributes.HTTP_ROUTE, route);
        }
        String host = request.header("Host");
        if (host != null && !host.isEmpty()) {
            b.setAttribute(ServerAttributes.SERVER_ADDRESS, io.kit4j.tracing.HttpAttributes.host(host));
            int port = io.kit4j.tracing.HttpAttributes.port(host);
            if (port > 0) {
                b.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
            }
        }
        Span span = b.startSpan();
        if (span.isRecording()) {
            // Not needed by samplers: set only on spans that are kept (most are not at a low ratio).
            String remote = request.remoteAddress();
            String peer = io.kit4j.tracing.HttpAttributes.host(remote);
            span.setAttribute(ClientAttributes.CLIENT_ADDRESS, peer);
            span.setAttribute(NetworkAttributes.NETWORK_PEER_ADDRESS, peer);
            int peerPort = io.kit4j.tracing.HttpAttributes.port(remote);
            if (peerPort > 0) {
                span.setAttribute(NetworkAttributes.NETWORK_PEER_PORT, (long) peerPort);
            }
            String protocol = request.protocol();
            if (protocol != null && protocol.startsWith("HTTP/")) {
                span.setAttribute(NetworkAttributes.NETWORK_PROTOCOL_VERSION, protocol.substring(5));
            }
            String agent = request.header("User-Agent");
            if (agent != null) {
                span.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, agent);
            }
        }
        return span;
    }

    private static void finish(Context ctx, int status, ServerRequest request, Throwable failure, long size) {
        ServerCall call = ctx.get(CALL);
        if (call == null) {
            return;
        }
        Span span = call.span();
        try {
            if (span.isRecording()) {
                String route = request.routeTemplate();
                if (route != null) {
                    span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
                    span.updateName(io.kit4j.tracing.HttpAttributes.spanName(request.method(), route));
                }
                span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
                if (size >= 0) {
                    span.setAttribute(io.kit4j.tracing.HttpAttributes.RESPONSE_BODY_SIZE, size);
                }
                if (status >= 500) {
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
                    span.setStatus(StatusCode.ERROR);
                    if (failure != null) {
                        span.recordException(failure);
                    }
                }
            }
        } finally {
            span.end();
            call.scope().close();
        }
    }
}
