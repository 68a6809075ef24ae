package io.kit4j.sd;

import io.kit4j.endpoint.Endpoint;
import java.util.Objects;

/**
 * What a {@link Factory} makes of one instance: the endpoint and what releases it (a connection, a
 * client) once the instance leaves the set. go-kit returns the pair {@code (Endpoint, io.Closer)}.
 *
 * @param endpoint the endpoint that calls the instance
 * @param closer called once when the instance disappears or the endpointer closes; never null
 * @param <Q> the request type
 * @param <R> the response type
 */
public record ClosableEndpoint<Q, R>(Endpoint<Q, R> endpoint, AutoCloseable closer) {

    /** Requires an endpoint; a null closer stands for one that does nothing. */
    public ClosableEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        closer = closer == null ? () -> { } : closer;
    }

    /** An endpoint with nothing to release. */
    public static <Q, R> ClosableEndpoint<Q, R> of(Endpoint<Q, R> endpoint) {
        return new ClosableEndpoint<>(endpoint, null);
    }

    /** An endpoint and its closer. */
    public static <Q, R> ClosableEndpoint<Q, R> of(Endpoint<Q, R> endpoint, AutoCloseable closer) {
        return new ClosableEndpoint<>(endpoint, closer);
    }
}
