package io.kit4j.tracing;

import io.kit4j.endpoint.Middleware;
import io.kit4j.endpoint.NamedMiddleware;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.Objects;

/**
 * kit4j's tracing on one OpenTelemetry instance: the endpoint middleware, the kit4j-http server and client
 * hooks, all sharing one tracer and one header format. Made where the service is wired and passed to
 * what needs it; no global OpenTelemetry is read or set.
 *
 * <pre>{@code
 * Tracing tracing = TracingSetup.builder("userservice").exporter("zipkin=http://127.0.0.1:9411").build();
 * NamedMiddleware traced = tracing.middleware();                       // a span per endpoint call
 * Handler server = tracing.httpServer().wrap(router);                  // a SERVER span per request
 * ClientEndpoint<Q, R> client = tracing.httpClient().apply(ClientEndpoint.builder(...)).build();
 * Logger logger = TraceLogging.with(baseLogger);                      // trace_id and span_id in log lines
 * }</pre>
 *
 * <p>{@link #close()} flushes and stops what {@link TracingSetup} built; for a {@link #of} instance it
 * does nothing (the caller owns the OpenTelemetry SDK).
 */
public final class Tracing implements AutoCloseable {
    /** The instrumentation scope name of kit4j's spans. */
    public static final String INSTRUMENTATION_NAME = "io.kit4j";

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final Flusher flusher;
    private final SpanStart start;
    private final HttpServerTracing server;
    private final HttpClientTracing client;

    /** What flushes and stops an SDK this object owns. */
    interface Flusher {
        void flush(Duration timeout);

        void close();
    }

    Tracing(Tracer tracer, TextMapPropagator propagator, Flusher flusher, SpanStart start) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
        this.flusher = flusher;
        this.start = start;
        this.server = new HttpServerTracing(tracer, propagator, start);
        this.client = new HttpClientTracing(tracer, propagator, start);
    }

    /** Tracing on {@code otel}, with the header format of its propagators. */
    public static Tracing of(OpenTelemetry otel) {
        return of(otel, otel.getPropagators().getTextMapPropagator());
    }

    /** Tracing on {@code otel}, reading and writing headers with {@code propagator}. */
    public static Tracing of(OpenTelemetry otel, TextMapPropagator propagator) {
        return new Tracing(otel.getTracer(INSTRUMENTATION_NAME), propagator, null, SpanStart.SDK_DECIDES);
    }

    /** The tracer kit4j's spans come from. */
    public Tracer tracer() {
        return tracer;
    }

    /** The header format of the HTTP hooks. */
    public TextMapPropagator propagator() {
        return propagator;
    }

    /** The endpoint middleware for the endpoint called {@code name}: a span of that name per call. */
    public <Q, R> Middleware<Q, R> middleware(String name) {
        return TracingMiddleware.of(tracer, start, name);
    }

    /** The endpoint middleware for every endpoint, each span named after its endpoint. */
    public NamedMiddleware middleware() {
        return TracingMiddleware.named(tracer, start);
    }

    /** The kit4j-http server hooks. */
    public HttpServerTracing httpServer() {
        return server;
    }

    /** The kit4j-http client hooks. */
    public HttpClientTracing httpClient() {
        return client;
    }

    /** Exports the spans ended so far, waiting up to {@code timeout}; nothing for an {@link #of} instance. */
    public void flush(Duration timeout) {
        if (flusher != null) {
            flusher.flush(timeout);
        }
    }

    /** Flushes and stops the SDK {@link TracingSetup} built; nothing for an {@link #of} instance. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.close();
        }
    }
}
