package io.kit4j.sd;

/**
 * A connection to one service registry (ZooKeeper, etcd, Consul, …) that makes {@link Registrar}s for
 * instances of this process, {@link Instancer}s for the services it calls and, where the registry can
 * list its services, a {@link Catalog} of their names. Open one per process with
 * {@link Registries#open(String, io.kit4j.log.Logger)} and close it last: closing stops the instancers
 * and catalogs and deregisters what its registrars still hold.
 */
public interface Registry extends AutoCloseable {

    /** A registrar announcing {@code instance}; nothing is written until {@link Registrar#register()}. */
    Registrar registrar(ServiceInstance instance);

    /**
     * An instancer publishing the {@code host:port} of every live instance of {@code service}, watching
     * the registry for changes. While the registry is unreachable a backend either keeps publishing the
     * last known set or publishes an error event (go-kit's Consul instancer does); a
     * {@link DefaultEndpointer} keeps its last good endpoints through such errors either way.
     */
    Instancer instancer(String service);

    /**
     * A catalog publishing the names of the services with at least one live instance in this registry,
     * watching it for changes; closed by {@link #close()} if not before. Registries that cannot list
     * their services throw {@link UnsupportedOperationException} (the default).
     */
    default Catalog catalog() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list the services it holds");
    }

    /** Deregisters what is still registered, stops the instancers, releases the connection. */
    @Override
    void close();
}
