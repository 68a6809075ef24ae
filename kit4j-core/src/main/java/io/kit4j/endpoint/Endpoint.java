package io.kit4j.endpoint;

import io.kit4j.context.Context;

/**
 * One RPC method as a function from request to response: go-kit's {@code endpoint.Endpoint}, Finagle's
 * "server as a function". Everything else in kit4j (transports, logging, limits, breakers, balancing,
 * auth, tracing) composes around it.
 *
 * <p>Endpoints are plain blocking code and run on virtual threads. A thrown exception is a failure of the
 * call (it counts for breakers and retries); a business failure can instead travel inside the response
 * (see {@link Failer}).
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface Endpoint<Q, R> {

    /** Handles one request. */
    R call(Context ctx, Q request) throws Exception;

    /** This endpoint wrapped in {@code middleware}. */
    default Endpoint<Q, R> with(Middleware<Q, R> middleware) {
        return middleware.apply(this);
    }

    /** go-kit's {@code endpoint.Nop}: an endpoint that answers every request with null. */
    static <Q, R> Endpoint<Q, R> nop() {
        return (ctx, request) -> null;
    }
}
