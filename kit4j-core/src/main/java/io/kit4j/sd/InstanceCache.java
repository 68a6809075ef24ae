package io.kit4j.sd;

import io.kit4j.log.Logger;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The state and the listeners of a registry-backed {@link Instancer}: go-kit's
 * {@code sd/internal/instance.Cache}. A backend (ZooKeeper, etcd, Consul, DNS) watches its registry
 * and calls {@link #update} with each complete set it reads or each error it meets; the cache does the
 * rest. Backends extend it and override {@link #stop()} to end their watch, or hold one and delegate.
 *
 * <p>{@link #update} sorts the instances and drops duplicate strings, then broadcasts only if the state
 * changed: an event equal to the current state (same instances; or an error of the same class with the
 * same message) reaches no listener. Broadcasts and the state pushed by {@link #register} happen under
 * one lock, on the caller's thread, so every listener sees every change once and in order. A listener
 * that throws is logged ({@code err}) and the broadcast goes on. The state before the first update is
 * the empty set.
 */
public class InstanceCache implements Instancer {
    private final ReentrantLock lock = new ReentrantLock();
    private final CopyOnWriteArraySet<Consumer<Event>> listeners = new CopyOnWriteArraySet<>();
    private final Logger logger;
    private Event state = Event.of();

    /** A cache that discards the errors of failing listeners. */
    public InstanceCache() {
        this(Logger.nop());
    }

    /** A cache that logs the errors of failing listeners to {@code logger}. */
    public InstanceCache(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /**
     * Makes {@code event} the current state and delivers it to every listener, unless it equals the
     * current state. The instances of the state are sorted and distinct.
     */
    public void update(Event event) {
        Event next = event.isError() ? event : Event.of(event.instances().stream().sorted().distinct().toList());
        lock.lock();
        try {
            if (sameState(state, next)) {
                return;
            }
            state = next;
            for (Consumer<Event> listener : listeners) {
                deliver(listener, next);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current state: the last set or error given to {@link #update}. */
    public Event state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void register(Consumer<Event> listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            listeners.add(listener);
            deliver(listener, state);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deregister(Consumer<Event> listener) {
        lock.lock();
        try {
            listeners.remove(listener);
        } finally {
            lock.unlock();
        }
    }

    /** Does nothing here; a backend overrides it to stop watching its registry. */
    @Override
    public void stop() {
    }

    private void deliver(Consumer<Event> listener, Event event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            logger.log("err", e, "msg", "instancer listener failed");
        }
    }

    private static boolean sameState(Event a, Event b) {
        if (!a.instances().equals(b.instances())) {
            return false;
        }
        Exception x = a.error();
        Exception y = b.error();
        if (x == y) {
            return true;
        }
        return x != null && y != null && x.getClass() == y.getClass()
                && Objects.equals(x.getMessage(), y.getMessage());
    }
}
