package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.metrics.Counter;
import io.kit4j.metrics.Discard;
import io.kit4j.metrics.Histogram;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ServerFinalizer} that records every HTTP request in kit4j metrics: a count, the duration in
 * seconds and the response body size in bytes, each labelled {@code method}, {@code route} and
 * {@code status}. Works with any metrics backend (in-memory, Prometheus, ...).
 *
 * <pre>{@code
 * HttpServer.builder().handler(router)
 *         .finalizer(HttpMetricsFinalizer.builder()
 *                 .requests(metrics.counter("http_requests_total", "...", "method", "route", "status"))
 *                 .duration(metrics.histogram("http_request_duration_seconds", "...", "method", "route", "status"))
 *                 .responseSize(metrics.histogram("http_response_size_bytes", "...", sizeBuckets, "method", "route", "status"))
 *                 .build())
 * }</pre>
 *
 * <p>Labels are chosen to keep the number of series bounded whatever clients send:
 * <ul>
 *   <li>{@code method}: the request method if it is one of the standard ones (GET, HEAD, POST, PUT,
 *       PATCH, DELETE, OPTIONS, TRACE, CONNECT), else {@value #OTHER_METHOD};</li>
 *   <li>{@code route}: the template the {@link Router} matched ({@link ServerRequest#routeTemplate()}),
 *       such as {@code /users/{id}}, never the raw path; {@value #UNMATCHED_ROUTE} for requests no
 *       route took (404, 405);</li>
 *   <li>{@code status}: the status code sent, as digits.</li>
 * </ul>
 *
 * <p>Register it on {@link HttpServer.Builder#finalizer} to see every request, 404s included; on an
 * {@link EndpointHandler} it sees that handler's requests only. The duration runs from
 * {@link HttpContextKeys#REQUEST_START_NANOS} to the finalizer, on the context's clock, so the last write
 * of the body is not included. Metrics left unset are not recorded.
 */
public final class HttpMetricsFinalizer implements ServerFinalizer {
    /** The {@code route} label of requests that matched no route. */
    public static final String UNMATCHED_ROUTE = "unmatched";
    /** The {@code method} label of non-standard methods. */
    public static final String OTHER_METHOD = "OTHER";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    private final Counter requests;
    private final Histogram duration;
    private final Histogram responseSize;
    /** The labelled metrics of each method, route and status seen, made once: a label lookup in a
     * metrics backend costs more than the observation. Bounded: methods, route templates and statuses
     * are finite sets. */
    private final ConcurrentHashMap<Key, Series> series = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status) {
    }

    private record Series(Counter requests, Histogram duration, Histogram responseSize) {
    }

    private HttpMetricsFinalizer(Builder b) {
        this.requests = b.requests;
        this.duration = b.duration;
        this.responseSize = b.responseSize;
    }

    /** A builder with every metric unset (discarded). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void finish(Context ctx, int status, ServerRequest request) {
        String method = METHODS.contains(request.method()) ? request.method() : OTHER_METHOD;
        String route = request.routeTemplate() != null ? request.routeTemplate() : UNMATCHED_ROUTE;
        Key key = new Key(method, route, status);
        Series m = series.get(key);
        if (m == null) {
            m = series.computeIfAbsent(key, k -> {
                String[] labels = {"method", k.method(), "route", k.route(), "status", Integer.toString(k.status())};
                return new Series(requests.with(labels), duration.with(labels), responseSize.with(labels));
            });
        }
        m.requests().add(1);
        Long start = ctx.get(HttpContextKeys.REQUEST_START_NANOS);
        if (start != null) {
            m.duration().observe(Math.max(0, ctx.clock().nanoTime() - start) / 1e9);
        }
        Long size = ctx.get(HttpContextKeys.RESPONSE_SIZE);
        if (size != null) {
            m.responseSize().observe(size);
        }
    }

    /** Options of an {@link HttpMetricsFinalizer}; each metric gets the labels method, route and status. */
    public static final class Builder {
        private Counter requests = Discard.counter();
        private Histogram duration = Discard.histogram();
        private Histogram responseSize = Discard.histogram();

        private Builder() {
        }

        /** Counts requests. */
        public Builder requests(Counter counter) {
            this.requests = Objects.requireNonNull(counter);
            return this;
        }

        /** Observes request durations in seconds. */
        public Builder duration(Histogram histogram) {
            this.duration = Objects.requireNonNull(histogram);
            return this;
        }

        /** Observes response body sizes in bytes. */
        public Builder responseSize(Histogram histogram) {
            this.responseSize = Objects.requireNonNull(histogram);
            return this;
        }

        /** The finalizer. */
        public HttpMetricsFinalizer build() {
            return new HttpMetricsFinalizer(this);
        }
    }
}
