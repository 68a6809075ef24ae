package io.kit4j.sd.lb;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;

/**
 * Picks one endpoint of a service for the next call: go-kit's {@code lb.Balancer}.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface Balancer<Q, R> {

    /**
     * The endpoint to call. Throws {@link NoEndpointsException} when there is none, and passes on what
     * the endpointer throws (a {@link io.kit4j.sd.DiscoveryException}).
     */
    Endpoint<Q, R> endpoint();

    /** go-kit's {@code lb.NewRoundRobin}: see {@link RoundRobin}. */
    static <Q, R> Balancer<Q, R> roundRobin(Endpointer<Q, R> endpointer) {
        return new RoundRobin<>(endpointer);
    }

    /** go-kit's {@code lb.NewRandom}, thread-safe and reproducible for a given seed: see {@link Random}. */
    static <Q, R> Balancer<Q, R> random(Endpointer<Q, R> endpointer, long seed) {
        return new Random<>(endpointer, seed);
    }

    /** Power of two choices over calls in flight: see {@link LeastOutstanding}. */
    static <Q, R> Balancer<Q, R> leastOutstanding(Endpointer<Q, R> endpointer) {
        return new LeastOutstanding<>(endpointer);
    }
}
