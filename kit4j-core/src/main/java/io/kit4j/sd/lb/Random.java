package io.kit4j.sd.lb;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks an endpoint uniformly at random: go-kit's {@code lb.NewRandom}. Unlike go-kit's, safe for
 * concurrent use: a seeded balancer shares one {@link java.util.Random} (atomic, so a seed gives the same
 * sequence of picks from one thread); an unseeded one uses {@link ThreadLocalRandom}, which does not
 * contend.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class Random<Q, R> implements Balancer<Q, R> {
    private final Endpointer<Q, R> endpointer;
    private final java.util.Random seeded;

    /** A balancer whose picks follow {@code seed}. */
    public Random(Endpointer<Q, R> endpointer, long seed) {
        this.endpointer = Objects.requireNonNull(endpointer, "endpointer");
        this.seeded = new java.util.Random(seed);
    }

    /** A balancer on the calling thread's random numbers. */
    public Random(Endpointer<Q, R> endpointer) {
        this.endpointer = Objects.requireNonNull(endpointer, "endpointer");
        this.seeded = null;
    }

    @Override
    public Endpoint<Q, R> endpoint() {
        List<Endpoint<Q, R>> endpoints = endpointer.endpoints();
        int n = endpoints.size();
        if (n == 0) {
            throw new NoEndpointsException();
        }
        int i = seeded != null ? seeded.nextInt(n) : ThreadLocalRandom.current().nextInt(n);
        return endpoints.get(i);
    }
}
