package io.kit4j.sd;

import io.kit4j.log.Logger;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The state and the listeners of a registry-backed {@link Catalog}, with {@link InstanceCache}'s rules:
 * a backend calls {@link #update} with each complete set of names it reads or each error it meets; only
 * changes are broadcast (an error equal in class and message to the current one is no change), under one
 * lock, on the caller's thread; a listener that throws is logged and the broadcast goes on; the state
 * before the first update is the empty set. Backends extend it and override {@link #close()} to end
 * their watch.
 */
public class CatalogCache implements Catalog {
    private final InstanceCache names;
    private final ConcurrentHashMap<Consumer<CatalogEvent>, Consumer<Event>> adapters = new ConcurrentHashMap<>();

    /** A cache that discards the errors of failing listeners. */
    public CatalogCache() {
        this(Logger.nop());
    }

    /** A cache that logs the errors of failing listeners to {@code logger}. */
    public CatalogCache(Logger logger) {
        this.names = new InstanceCache(Objects.requireNonNull(logger, "logger"));
    }

    /** Makes {@code event} the current state and delivers it to every listener, unless it equals the current state. */
    public void update(CatalogEvent event) {
        names.update(event.isError() ? Event.error(event.error()) : Event.of(event.services()));
    }

    /** The current state: the last set or error given to {@link #update}. */
    public CatalogEvent state() {
        return toCatalogEvent(names.state());
    }

    @Override
    public void register(Consumer<CatalogEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        names.register(adapters.computeIfAbsent(listener, l -> e -> l.accept(toCatalogEvent(e))));
    }

    @Override
    public void deregister(Consumer<CatalogEvent> listener) {
        Consumer<Event> adapter = adapters.remove(listener);
        if (adapter != null) {
            names.deregister(adapter);
        }
    }

    /** Does nothing here; a backend overrides it to stop watching its registry. */
    @Override
    public void close() {
    }

    private static CatalogEvent toCatalogEvent(Event e) {
        return e.isError() ? CatalogEvent.error(e.error()) : CatalogEvent.of(e.instances());
    }
}
