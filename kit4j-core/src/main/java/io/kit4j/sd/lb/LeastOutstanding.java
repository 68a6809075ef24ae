package io.kit4j.sd.lb;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each call to the less busy of two endpoints drawn at random ("power of two choices"), busy
 * meaning calls in flight. Not in go-kit. It avoids slow or overloaded instances without the herd that
 * "always the least loaded" causes when many callers see the same counts.
 *
 * <p>How it knows when calls finish: {@link #endpoint()} hands out a wrapper around the endpointer's
 * endpoint that counts a call in flight from the moment it starts until it returns or throws. Only calls
 * through the wrapper count (a pick that is never called counts nothing), and each balancer counts its
 * own calls. Counts belong to the endpoint object, so they carry over when an endpointer update keeps an
 * endpoint (as {@link io.kit4j.sd.DefaultEndpointer} does) and vanish with a removed one. One endpoint is
 * always picked; of two with equal counts, either. Like every such balancer it reads counts that other
 * threads may be about to change: the choice is good, not exact.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class LeastOutstanding<Q, R> implements Balancer<Q, R> {
    private final Endpointer<Q, R> endpointer;
    private final java.util.Random seeded;
    private final Object lock = new Object();
    private volatile Snapshot<Q, R> snapshot = new Snapshot<>(List.of(), List.of());

    /** The endpointer's list and the counting wrappers of its endpoints, index for index. */
    private record Snapshot<Q, R>(List<Endpoint<Q, R>> source, List<Counting<Q, R>> counting) {
    }

    /** A balancer on the calling thread's random numbers. */
    public LeastOutstanding(Endpointer<Q, R> endpointer) {
        this.endpointer = Objects.requireNonNull(endpointer, "endpointer");
        this.seeded = null;
    }

    /** A balancer whose random draws follow {@code seed}, for reproducible tests. */
    public LeastOutstanding(Endpointer<Q, R> endpointer, long seed) {
        this.endpointer = Objects.requireNonNull(endpointer, "endpointer");
        this.seeded = new java.util.Random(seed);
    }

    /** The picked endpoint, wrapped to count its calls in flight. */
    @Override
    public Endpoint<Q, R> endpoint() {
        List<Endpoint<Q, R>> endpoints = endpointer.endpoints();
        int n = endpoints.size();
        if (n == 0) {
            throw new NoEndpointsException();
        }
        List<Counting<Q, R>> counting = counting(endpoints);
        if (n == 1) {
            return counting.get(0);
        }
        // two distinct indexes from one 64-bit draw: each half scaled to its range by multiply-shift
        // (cheaper than two bounded draws; the bias is below n / 2^32)
        long r = seeded != null ? seeded.nextLong() : ThreadLocalRandom.current().nextLong();
        int a = (int) (((r & 0xFFFF_FFFFL) * n) >>> 32);
        int b = (int) (((r >>> 32) * (n - 1)) >>> 32);
        if (b >= a) {
            b++;
        }
        Counting<Q, R> first = counting.get(a);
        Counting<Q, R> second = counting.get(b);
        return second.inFlight.get() < first.inFlight.get() ? second : first;
    }

    private List<Counting<Q, R>> counting(List<Endpoint<Q, R>> endpoints) {
        Snapshot<Q, R> s = snapshot;
        if (s.source == endpoints || sameElements(s.source, endpoints)) {
            return s.counting;
        }
        synchronized (lock) {
            s = snapshot;
            if (s.source == endpoints || sameElements(s.source, endpoints)) {
                return s.counting;
            }
            Map<Endpoint<Q, R>, Counting<Q, R>> known = new IdentityHashMap<>();
            for (Counting<Q, R> c : s.counting) {
                known.put(c.delegate, c);
            }
            List<Counting<Q, R>> next = new ArrayList<>(endpoints.size());
            for (Endpoint<Q, R> e : endpoints) {
                Counting<Q, R> c = known.get(e);
                next.add(c != null ? c : new Counting<>(e));
            }
            List<Counting<Q, R>> frozen = List.copyOf(next);
            snapshot = new Snapshot<>(List.copyOf(endpoints), frozen);
            return frozen;
        }
    }

    private static <T> boolean sameElements(List<T> a, List<T> b) {
        int n = a.size();
        if (n != b.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** An endpoint that counts its calls in flight. */
    private static final class Counting<Q, R> implements Endpoint<Q, R> {
        final Endpoint<Q, R> delegate;
        final AtomicInteger inFlight = new AtomicInteger();

        Counting(Endpoint<Q, R> delegate) {
            this.delegate = delegate;
        }

        @Override
        public R call(Context ctx, Q request) throws Exception {
            inFlight.incrementAndGet();
            try {
                return delegate.call(ctx, request);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String toString() {
            return "LeastOutstanding[" + delegate + ", inFlight=" + inFlight.get() + "]";
        }
    }
}
