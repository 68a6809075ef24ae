package io.kit4j.metrics;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.endpoint.Middleware;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.time.Clock;
import java.util.Objects;

/**
 * An endpoint middleware that counts calls and records their duration by method and outcome, the
 * instrumenting middleware of go-kit's examples and of the reference user service:
 *
 * <pre>{@code
 * lvs := []string{"method", "CreateUser", "error", fmt.Sprint(err != nil)}
 * counter.With(lvs...).Add(1)
 * latency.With(lvs...).Observe(time.Since(begin).Seconds())
 * }</pre>
 *
 * <p>Each call adds 1 to {@code requests} and observes its duration in seconds into {@code latency},
 * both with the labels {@code method} (the endpoint's name) and {@code error} ({@code "true"} or
 * {@code "false"}). A thrown exception and a {@link Failer} response whose {@code failed()} is not null
 * both count as {@code error="true"}; the exception is rethrown unchanged. The labelled metrics are made
 * once per endpoint when the middleware is applied, not per call.
 *
 * <pre>{@code
 * NamedMiddleware metrics = InstrumentingMiddleware.named(requests, latency);
 * Endpoint<GetUser, User> get = metrics.apply("GetUser", (ctx, r) -> svc.get(ctx, r.id()));
 * }</pre>
 */
public final class InstrumentingMiddleware {
    private InstrumentingMiddleware() {
    }

    /** Instruments the endpoint named {@code method}, timing on the system clock. */
    public static <Q, R> Middleware<Q, R> of(Counter requests, Histogram latency, String method) {
        return of(requests, latency, method, Clock.system());
    }

    /** Instruments the endpoint named {@code method}, timing on {@code clock}. */
    public static <Q, R> Middleware<Q, R> of(Counter requests, Histogram latency, String method, Clock clock) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(clock, "clock");
        Counter okCount = requests.with("method", method, "error", "false");
        Counter errCount = requests.with("method", method, "error", "true");
        Histogram okLatency = latency.with("method", method, "error", "false");
        Histogram errLatency = latency.with("method", method, "error", "true");
        return next -> (ctx, request) -> {
            long start = clock.nanoTime();
            boolean failed = true;
            try {
                R r = next.call(ctx, request);
                failed = r instanceof Failer f && f.failed() != null;
                return r;
            } finally {
                double seconds = Math.max(0, clock.nanoTime() - start) / 1e9;
                (failed ? errCount : okCount).add(1);
                (failed ? errLatency : okLatency).observe(seconds);
            }
        };
    }

    /** The same for every endpoint, labelled by the name it is applied with; system clock. */
    public static NamedMiddleware named(Counter requests, Histogram latency) {
        return named(requests, latency, Clock.system());
    }

    /** The same for every endpoint, labelled by the name it is applied with; timing on {@code clock}. */
    public static NamedMiddleware named(Counter requests, Histogram latency, Clock clock) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clock, "clock");
        return new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return InstrumentingMiddleware.<Q, R>of(requests, latency, name, clock).apply(next);
            }
        };
    }
}
