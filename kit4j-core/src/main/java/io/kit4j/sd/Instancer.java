package io.kit4j.sd;

import java.util.function.Consumer;

/**
 * A source of instance strings for one service, fed by a registry or a fixed list: go-kit's
 * {@code sd.Instancer}. Listeners receive {@link Event}s, each holding the complete set or an error.
 *
 * <p>Contract for implementations: {@link #register} delivers the current state to the new listener
 * before it returns, on the caller's thread; every later change is delivered to every listener in the
 * same order; a listener is called by one thread at a time. Listeners should be quick: they run on
 * the instancer's thread. Registering a listener again only delivers the state again.
 */
public interface Instancer {

    /** Adds {@code listener} and delivers the current state to it at once. */
    void register(Consumer<Event> listener);

    /** Removes {@code listener} (the same object that was registered); unknown listeners are ignored. */
    void deregister(Consumer<Event> listener);

    /** Stops watching the registry and releases what the instancer holds; later calls do nothing. */
    void stop();
}
