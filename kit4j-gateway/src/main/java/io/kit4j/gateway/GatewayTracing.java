package io.kit4j.gateway;

import io.kit4j.context.Context;
import io.kit4j.tracing.HttpClientTracing;
import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingContext;
import io.kit4j.transport.http.Handler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.client.Request;

/**
 * The gateway's spans, on kit4j-tracing, made only when the gateway is built with a {@link Tracing}: a
 * SERVER span per request it routes (the caller's W3C or B3 trace continued; {@code http.route} the
 * route's path pattern, {@code kit4j.gateway.route} its id) and a CLIENT span per upstream attempt, so
 * retries are sibling spans. Each attempt carries the gateway's trace headers, which replace any the
 * client sent; without tracing the client's headers pass through untouched.
 */
final class GatewayTracing {
    /** The id of the route that took the request (not an OpenTelemetry convention: the gateway's own). */
    static final AttributeKey<String> ROUTE_ID = AttributeKey.stringKey("kit4j.gateway.route");
    /** The number of earlier attempts of this request (OpenTelemetry's HTTP client convention). */
    static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "b3", "x-b3-traceid",
            "x-b3-spanid", "x-b3-sampled", "x-b3-flags", "x-b3-parentspanid");

    private final Tracing tracing;
    private final Set<String> replaced;

    GatewayTracing(Tracing tracing) {
        this.tracing = tracing;
        Set<String> names = new HashSet<>(TRACE_HEADERS);
        for (String f : tracing.propagator().fields()) {
            names.add(f.toLowerCase(Locale.ROOT));
        }
        this.replaced = Set.copyOf(names);
    }

    /** {@code forward} with a SERVER span around each request. */
    Handler wrap(Handler forward) {
        return tracing.httpServer().wrap(forward);
    }

    /** Names the request's span after {@code route}. */
    void routed(Context ctx, Route route) {
        tracing.httpServer().route(ctx, route.pattern());
        Span span = TracingContext.span(ctx);
        if (span.isRecording()) {
            span.setAttribute(ROUTE_ID, route.id());
        }
    }

    /**
     * Starts the CLIENT span of one attempt of {@code p} (the {@code attempt}-th, from 1) and replaces the
     * trace headers of {@code upstream} with the gateway's; the context to pass to {@link #answered} and
     * {@link #ended}.
     */
    Context attempt(Context ctx, Request upstream, int attempt) {
        upstream.headers(h -> replaced.forEach(h::remove));
        return counted(tracing.httpClient().start(ctx, upstream.getMethod(), upstream.getURI(),
                (name, value) -> upstream.headers(h -> h.put(name, value))), attempt);
    }

    /** {@link #attempt(Context, Request, int)} for the blocking path: the trace headers go into {@code headers}. */
    Context attempt(Context ctx, String method, java.net.URI uri, org.eclipse.jetty.http.HttpFields.Mutable headers,
            int attempt) {
        replaced.forEach(headers::remove);
        return counted(tracing.httpClient().start(ctx, method, uri, headers::put), attempt);
    }

    /** {@code attempt} (the attempt's context) with the resend count on its span when it is a retry. */
    private static Context counted(Context attempt, int number) {
        Span span = HttpClientTracing.span(attempt);
        if (number > 1 && span.isRecording()) {
            span.setAttribute(RESEND_COUNT, (long) (number - 1));
        }
        return attempt;
    }

    /** Records the upstream's answer on the attempt's span. */
    void answered(Context attempt, int status) {
        tracing.httpClient().response(attempt, status);
    }

    /** Ends the attempt's span; {@code failure} is why no answer came, null when one did. */
    void ended(Context attempt, Throwable failure) {
        tracing.httpClient().end(attempt, failure);
    }
}
