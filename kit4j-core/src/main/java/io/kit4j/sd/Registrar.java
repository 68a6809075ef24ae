package io.kit4j.sd;

/**
 * Registers this service instance with a registry and removes it again: go-kit's {@code sd.Registrar}.
 * What is registered (name, address, health check, TTL) is given to the backend's constructor. Failures
 * are logged by the backend, not thrown, so start-up and shut-down go on.
 *
 * <p>Typical life: {@code register()} once the server listens; {@code deregister()} first thing on
 * shut-down, before draining. {@link #close()} deregisters, for try-with-resources.
 */
public interface Registrar extends AutoCloseable {

    /** Announces the instance. */
    void register();

    /** Withdraws the instance. */
    void deregister();

    /** Same as {@link #deregister()}. */
    @Override
    default void close() {
        deregister();
    }
}
