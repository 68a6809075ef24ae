package io.kit4j.circuitbreaker;

import io.kit4j.context.Context;

/**
 * The degraded answer of an endpoint behind a breaker: like {@link Fallback}, and also given the request,
 * so the answer can depend on it.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface EndpointFallback<Q, R> {

    /** Answers {@code request} in place of the endpoint that failed with {@code cause}. */
    R apply(Context ctx, Q request, Throwable cause) throws Exception;
}
