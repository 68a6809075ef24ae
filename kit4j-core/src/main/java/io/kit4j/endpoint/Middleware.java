package io.kit4j.endpoint;

import java.util.Objects;

/**
 * A decorator of endpoints: go-kit's {@code endpoint.Middleware}. Logging, metrics, rate limits,
 * breakers, authentication and tracing are middlewares.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface Middleware<Q, R> {

    /** Wraps {@code next}. */
    Endpoint<Q, R> apply(Endpoint<Q, R> next);

    /**
     * Composes middlewares with go-kit's order: the first is the outermost, so
     * {@code chain(a, b, c).apply(e) == a.apply(b.apply(c.apply(e)))} and a request passes a, then b,
     * then c.
     */
    @SafeVarargs
    static <Q, R> Middleware<Q, R> chain(Middleware<Q, R> outer, Middleware<Q, R>... others) {
        Objects.requireNonNull(outer, "outer");
        Middleware<Q, R>[] inner = others.clone();
        return next -> {
            Endpoint<Q, R> e = next;
            for (int i = inner.length - 1; i >= 0; i--) {
                e = inner[i].apply(e);
            }
            return outer.apply(e);
        };
    }

    /** The middleware that returns the endpoint unchanged. */
    static <Q, R> Middleware<Q, R> identity() {
        return next -> next;
    }
}
