package io.kit4j.sd.lb;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the endpoints in turn: go-kit's {@code lb.NewRoundRobin}. One shared counter, taken
 * atomically: the first pick is index 0, pick {@code k} (from 0) is index {@code k mod n} where
 * {@code n} is the number of endpoints at that moment, so across threads every endpoint of a stable
 * set is chosen equally often. The counter only moves when there is an endpoint to pick.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class RoundRobin<Q, R> implements Balancer<Q, R> {
    private final Endpointer<Q, R> endpointer;
    private final AtomicLong counter = new AtomicLong();

    /** A balancer over {@code endpointer}. */
    public RoundRobin(Endpointer<Q, R> endpointer) {
        this.endpointer = Objects.requireNonNull(endpointer, "endpointer");
    }

    @Override
    public Endpoint<Q, R> endpoint() {
        List<Endpoint<Q, R>> endpoints = endpointer.endpoints();
        int n = endpoints.size();
        if (n == 0) {
            throw new NoEndpointsException();
        }
        long k = counter.getAndIncrement();
        return endpoints.get((int) Long.remainderUnsigned(k, n));
    }
}
