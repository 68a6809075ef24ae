package io.kit4j.sd;

/**
 * Turns an instance string (for example {@code 10.0.0.7:8080}) into an endpoint that calls that
 * instance: go-kit's {@code sd.Factory}. Typically it builds a transport client endpoint and wraps it
 * in per-instance middleware (a circuit breaker, a limiter).
 *
 * <p>A factory that throws makes the {@link DefaultEndpointer} log the error and skip the instance until
 * the next update that lists it.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface Factory<Q, R> {

    /** The endpoint for {@code instance}, with what releases it. */
    ClosableEndpoint<Q, R> create(String instance) throws Exception;
}
