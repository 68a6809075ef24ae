package io.kit4j.sd;

import io.kit4j.endpoint.Endpoint;
import java.util.List;

/**
 * The current endpoints of one service method: go-kit's {@code sd.Endpointer}. Balancers pick from it.
 * {@link DefaultEndpointer} keeps the list in step with an {@link Instancer}; {@link #fixed} serves a
 * list that never changes.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface Endpointer<Q, R> {

    /**
     * The endpoints now, as an unmodifiable list that may be empty. Throws a {@link DiscoveryException}
     * when discovery has failed and the endpointer no longer trusts what it knew.
     */
    List<Endpoint<Q, R>> endpoints();

    /** An endpointer that always answers {@code endpoints}: go-kit's {@code sd.FixedEndpointer}. */
    static <Q, R> Endpointer<Q, R> fixed(List<? extends Endpoint<Q, R>> endpoints) {
        List<Endpoint<Q, R>> copy = List.copyOf(endpoints);
        return () -> copy;
    }
}
