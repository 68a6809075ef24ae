package io.kit4j.sd.etcd;

import io.etcd.jetcd.Client;
import io.kit4j.log.Logger;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection to an etcd v3 cluster (one jetcd {@link Client}) that makes {@link EtcdRegistrar}s,
 * {@link EtcdInstancer}s and {@link EtcdCatalog}s sharing it. Open one per process, through
 * {@code Registries.open("etcd://127.0.0.1:2379", logger)} or {@link #open(EtcdConfig, Logger)}, and
 * close it last: {@link #close()} deregisters what is still registered, stops the instancers and
 * catalogs and closes the client. See {@link EtcdConfig} for the URI options and the key layout.
 *
 * <p>The client does not wait for a connection before a call ({@code waitForReady} off), so every call
 * fails within the configured timeout while etcd is unreachable, and the registrars and instancers
 * retry on their own.
 */
public final class EtcdRegistry implements Registry {
    private final EtcdConfig config;
    private final Logger logger;
    private final Client client;
    private final Set<EtcdRegistrar> registrars = ConcurrentHashMap.newKeySet();
    private final Set<EtcdInstancer> instancers = ConcurrentHashMap.newKeySet();
    private final Set<EtcdCatalog> catalogs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private EtcdRegistry(EtcdConfig config, Logger logger) {
        this.config = config;
        this.logger = logger.with("registry", "etcd");
        this.client = Client.builder()
                .endpoints(config.endpoints().toArray(URI[]::new))
                .waitForReady(false)
                .connectTimeout(config.timeout())
                .retryMaxDuration(config.timeout())
                .build();
    }

    /** Connects to the cluster {@code config} describes (lazily: nothing is sent before the first call). */
    public static EtcdRegistry open(EtcdConfig config, Logger logger) {
        return new EtcdRegistry(Objects.requireNonNull(config, "config"), Objects.requireNonNull(logger, "logger"));
    }

    /** The configuration this registry was opened with. */
    public EtcdConfig config() {
        return config;
    }

    /** The client endpoints. */
    public List<URI> endpoints() {
        return config.endpoints();
    }

    @Override
    public EtcdRegistrar registrar(ServiceInstance instance) {
        requireOpen();
        EtcdRegistrar r = new EtcdRegistrar(client, config, instance, logger, () -> closed);
        registrars.add(r);
        return r;
    }

    @Override
    public EtcdInstancer instancer(String service) {
        requireOpen();
        EtcdInstancer[] made = new EtcdInstancer[1];
        made[0] = new EtcdInstancer(client, config, service, logger, () -> instancers.remove(made[0]));
        instancers.add(made[0]);
        return made[0];
    }

    /** The names of the services under the key prefix that hold an instance (see {@link EtcdCatalog}). */
    @Override
    public EtcdCatalog catalog() {
        requireOpen();
        EtcdCatalog[] made = new EtcdCatalog[1];
        made[0] = new EtcdCatalog(client, config, logger, () -> catalogs.remove(made[0]));
        catalogs.add(made[0]);
        return made[0];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EtcdRegistrar r : registrars) {
            r.deregister();
        }
        registrars.clear();
        for (EtcdInstancer i : List.copyOf(instancers)) {
            i.stop();
        }
        for (EtcdCatalog c : List.copyOf(catalogs)) {
            c.close();
        }
        client.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("etcd registry is closed");
        }
    }

    @Override
    public String toString() {
        return "EtcdRegistry" + config.endpoints() + config.prefix();
    }
}
