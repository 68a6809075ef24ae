package io.kit4j.sd;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An {@link Endpointer} that follows an {@link Instancer}, making one endpoint per instance with a
 * {@link Factory}: go-kit's {@code sd.DefaultEndpointer} and its endpoint cache.
 *
 * <ul>
 *   <li>A set of instances: the endpoints come in the lexicographic order of their instance strings;
 *       an instance that stays keeps its endpoint (the same object); a new one is made by the factory (a
 *       factory error is logged as {@code instance=… err=…} and the instance skipped until an update
 *       lists it again); one that left is closed. Any error state is cleared.</li>
 *   <li>An error: logged ({@code err=…}). By default the last good endpoints are kept for ever. With
 *       {@link Builder#invalidateOnError(Duration) invalidateOnError(timeout)} they are kept only for
 *       {@code timeout} after the <em>first</em> error (later errors neither extend the time nor replace
 *       the error); after it, {@link #endpoints()} closes them and throws a {@link DiscoveryException}
 *       holding that first error, until a set arrives. A timeout of zero fails the next call.</li>
 * </ul>
 *
 * <p>Reads take no lock; updates are serialised. The instancer delivers on its own thread, so when the
 * constructor returns the instancer's current state is already applied (go-kit hands it to a goroutine).
 * {@link #close()} deregisters from the instancer and closes every endpoint (go-kit's leaves them
 * open). One instance string gives one endpoint even if the instancer repeats it.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class DefaultEndpointer<Q, R> implements Endpointer<Q, R>, AutoCloseable {
    private final Instancer instancer;
    private final Factory<Q, R> factory;
    private final Logger logger;
    private final Clock clock;
    private final boolean invalidateOnError;
    private final long invalidateTimeoutNanos;
    private final Consumer<Event> listener = this::update;
    private final ReentrantLock lock = new ReentrantLock();
    private TreeMap<String, ClosableEndpoint<Q, R>> cache = new TreeMap<>();
    private boolean closed;
    private volatile State<Q, R> state = new State<>(List.of(), null, 0);

    /** What readers see: the endpoints, and the first error since the last good set with its time. */
    private record State<Q, R>(List<Endpoint<Q, R>> endpoints, Exception error, long errorNanos) {
    }

    private DefaultEndpointer(Builder<Q, R> b) {
        this.instancer = b.instancer;
        this.factory = b.factory;
        this.logger = b.logger;
        this.clock = b.clock;
        this.invalidateOnError = b.invalidateTimeout != null;
        this.invalidateTimeoutNanos = invalidateOnError ? saturatedNanos(b.invalidateTimeout) : 0;
    }

    /**
     * An endpointer over {@code instancer} that keeps its last good endpoints on errors: go-kit's
     * {@code sd.NewEndpointer(src, f, logger)}.
     */
    public static <Q, R> DefaultEndpointer<Q, R> create(Instancer instancer, Factory<Q, R> factory, Logger logger) {
        return DefaultEndpointer.<Q, R>builder(instancer, factory).logger(logger).build();
    }

    /** A builder for an endpointer over {@code instancer}. */
    public static <Q, R> Builder<Q, R> builder(Instancer instancer, Factory<Q, R> factory) {
        return new Builder<>(instancer, factory);
    }

    @Override
    public List<Endpoint<Q, R>> endpoints() {
        State<Q, R> s = state;
        if (s.error == null || trusted(s)) {
            return s.endpoints;
        }
        lock.lock();
        try {
            s = state;
            if (s.error == null || trusted(s)) {
                return s.endpoints;
            }
            if (!cache.isEmpty()) {
                closeAll(cache);
                cache = new TreeMap<>();
                state = new State<>(List.of(), s.error, s.errorNanos);
            }
            throw new DiscoveryException(s.error);
        } finally {
            lock.unlock();
        }
    }

    /** Deregisters from the instancer and closes every endpoint; {@link #endpoints()} is empty after. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        instancer.deregister(listener);
        lock.lock();
        try {
            closeAll(cache);
            cache = new TreeMap<>();
            state = new State<>(List.of(), null, 0);
        } finally {
            lock.unlock();
        }
    }

    private boolean trusted(State<Q, R> s) {
        return clock.nanoTime() - s.errorNanos < invalidateTimeoutNanos;
    }

    private void update(Event event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!event.isError()) {
                state = new State<>(refresh(event.instances()), null, 0);
                return;
            }
            logger.log("err", event.error());
            State<Q, R> s = state;
            if (!invalidateOnError || s.error != null) {
                return;
            }
            state = new State<>(s.endpoints, event.error(), clock.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings the cache to {@code instances}, making new endpoints in instance order; returns the
     * endpoints in that order.
     */
    private List<Endpoint<Q, R>> refresh(List<String> instances) {
        TreeMap<String, ClosableEndpoint<Q, R>> next = new TreeMap<>();
        for (String instance : new TreeSet<>(instances)) {
            ClosableEndpoint<Q, R> e = cache.remove(instance);
            if (e == null) {
                e = create(instance);
                if (e == null) {
                    continue;
                }
            }
            next.put(instance, e);
        }
        closeAll(cache);
        cache = next;
        List<Endpoint<Q, R>> endpoints = new ArrayList<>(next.size());
        for (ClosableEndpoint<Q, R> e : next.values()) {
            endpoints.add(e.endpoint());
        }
        List<Endpoint<Q, R>> previous = state.endpoints;
        return sameElements(previous, endpoints) ? previous : List.copyOf(endpoints);
    }

    private ClosableEndpoint<Q, R> create(String instance) {
        try {
            return Objects.requireNonNull(factory.create(instance), "factory returned null");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            logger.log("instance", instance, "err", e);
            return null;
        }
    }

    private void closeAll(Map<String, ClosableEndpoint<Q, R>> endpoints) {
        for (Map.Entry<String, ClosableEndpoint<Q, R>> e : endpoints.entrySet()) {
            try {
                e.getValue().closer().close();
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                logger.log("instance", e.getKey(), "msg", "close failed", "err", failure);
            }
        }
    }

    private static <T> boolean sameElements(List<T> a, List<T> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Options of a {@link DefaultEndpointer}: go-kit's {@code EndpointerOption}s plus the logger and the
     * clock.
     *
     * @param <Q> the request type
     * @param <R> the response type
     */
    public static final class Builder<Q, R> {
        private final Instancer instancer;
        private final Factory<Q, R> factory;
        private Logger logger = Logger.nop();
        private Clock clock = Clock.system();
        private Duration invalidateTimeout;

        private Builder(Instancer instancer, Factory<Q, R> factory) {
            this.instancer = Objects.requireNonNull(instancer, "instancer");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Where update errors, factory errors and close errors go; default: nowhere. */
        public Builder<Q, R> logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** The clock that measures {@link #invalidateOnError} timeouts; default: the system clock. */
        public Builder<Q, R> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Trusts the last good endpoints for only {@code timeout} after discovery starts failing: go-kit's
         * {@code InvalidateOnError}. See the class comment.
         */
        public Builder<Q, R> invalidateOnError(Duration timeout) {
            this.invalidateTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The endpointer, registered with the instancer and holding its current state. */
        public DefaultEndpointer<Q, R> build() {
            DefaultEndpointer<Q, R> endpointer = new DefaultEndpointer<>(this);
            instancer.register(endpointer.listener);
            return endpointer;
        }
    }
}
