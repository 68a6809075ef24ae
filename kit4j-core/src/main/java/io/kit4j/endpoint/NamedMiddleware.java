package io.kit4j.endpoint;

/**
 * A middleware for endpoints of any request and response type, told each endpoint's name: the way to put
 * one stack (logging, metrics, limits) around every endpoint of a service.
 *
 * <pre>{@code
 * NamedMiddleware logging = new NamedMiddleware() {
 *     public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
 *         return LoggingMiddleware.<Q, R>of(logger, name).apply(next);
 *     }
 * };
 * }</pre>
 */
public interface NamedMiddleware {

    /** Wraps {@code next}, the endpoint called {@code name}. */
    <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next);

    /** This middleware outside {@code inner}: a request passes this one first, as in {@link Middleware#chain}. */
    default NamedMiddleware around(NamedMiddleware inner) {
        NamedMiddleware outer = this;
        return new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return outer.apply(name, inner.apply(name, next));
            }
        };
    }

    /** The middleware that changes nothing. */
    static NamedMiddleware identity() {
        return new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return next;
            }
        };
    }
}
