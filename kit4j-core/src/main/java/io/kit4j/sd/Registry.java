package io.kit4j.sd;

/**
 * A connection to one service registry (ZooKeeper, etcd, Consul, …) that makes {@link Registrar}s for
 * instances of this process and {@link Instancer}s for the services it calls. Open one per process with
 * {@link Registries#open(String, io.kit4j.log.Logger)} and close it last: closing stops the instancers
 * and deregisters what its registrars still hold.
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

    /** Deregisters what is still registered, stops the instancers, releases the connection. */
    @Override
    void close();
}
