package io.kit4j.sd;

import java.util.function.Consumer;

/**
 * The names of the services a registry knows, watched: the registry-wide counterpart of an
 * {@link Instancer}. A name is listed while the registry holds at least one live instance of it (each
 * backend says what "live" means there). Listeners receive {@link CatalogEvent}s, each the complete
 * sorted set of names or an error. Made by {@link Registry#catalog()}; an API gateway builds a route
 * per listed service from it.
 *
 * <p>Contract (the {@link Instancer}'s): {@link #register} delivers the current state to the new
 * listener before it returns, on the caller's thread; every later change reaches every listener once, in
 * order, one call at a time; listeners should be quick, they run on the catalog's thread.
 */
public interface Catalog extends AutoCloseable {

    /** Adds {@code listener} and delivers the current state to it at once. */
    void register(Consumer<CatalogEvent> listener);

    /** Removes {@code listener} (the same object that was registered); unknown listeners are ignored. */
    void deregister(Consumer<CatalogEvent> listener);

    /** Stops watching the registry; later calls do nothing. */
    @Override
    void close();
}
