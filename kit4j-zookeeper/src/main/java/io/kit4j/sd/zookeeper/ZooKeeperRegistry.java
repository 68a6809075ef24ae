package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.Catalog;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;

/**
 * Service registration and discovery on ZooKeeper, in the layout and JSON of Curator's service discovery
 * (curator-x-discovery), so Curator-based clients such as Spring Cloud Zookeeper and kit4j see each
 * other's instances: an instance is the ephemeral node {@code <basePath>/<service>/<id>} holding
 * Curator's service-instance JSON with an {@link InstancePayload}.
 *
 * <p>One registry owns one Curator client (one ZooKeeper session). Open it with
 * {@code Registries.open("zk://127.0.0.1:2181", logger)} or {@link #open(ZooKeeperOptions, Logger)};
 * {@link ZooKeeperOptions} lists the URI options. Opening waits up to the connection timeout for the
 * first connection and fails with an {@link IllegalStateException} naming the servers if there is none.
 * After that, connection losses are survived: Curator reconnects, and after a new session it writes the
 * registered instances again. Connection state changes are logged ({@code zk=…}).
 *
 * <p>{@link #catalog()} lists the services under the base path that hold an instance.
 * {@link #close()} stops the instancers and catalogs, deletes the instances still registered (when connected),
 * and closes the session.
 */
public final class ZooKeeperRegistry implements Registry {
    private final ZooKeeperOptions options;
    private final Logger logger;
    private final CuratorFramework client;
    private final ServiceDiscovery<InstancePayload> discovery;
    private final CuratorJson json;
    private final Set<ZooKeeperInstancer> instancers = ConcurrentHashMap.newKeySet();
    private final Set<ZooKeeperCatalog> catalogs = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ZooKeeperRegistry(ZooKeeperOptions options, Logger logger, CuratorFramework client,
            ServiceDiscovery<InstancePayload> discovery, CuratorJson json) {
        this.options = options;
        this.logger = logger;
        this.client = client;
        this.discovery = discovery;
        this.json = json;
    }

    /** Opens the registry a {@code zk://} URI describes (see {@link ZooKeeperOptions}). */
    public static ZooKeeperRegistry open(URI uri, Logger logger) {
        return open(ZooKeeperOptions.parse(uri), logger);
    }

    /** Connects to ZooKeeper with {@code options}; fails if no server answers within the connection timeout. */
    public static ZooKeeperRegistry open(ZooKeeperOptions options, Logger logger) {
        Objects.requireNonNull(options, "options");
        Logger log = Objects.requireNonNull(logger, "logger").with("registry", "zk");
        int connectionMs = (int) options.connectionTimeout().toMillis();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(options.connectString())
                .sessionTimeoutMs((int) options.sessionTimeout().toMillis())
                .connectionTimeoutMs(connectionMs)
                .retryPolicy(new ExponentialBackoffRetry(Math.max(10, Math.min(1000, connectionMs / 10)), 3))
                .ensembleTracker(false)
                .build();
        client.getConnectionStateListenable().addListener((c, state) ->
                log.log("zk", state.name().toLowerCase(Locale.ROOT), "servers", options.connectString()));
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected(connectionMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new IllegalStateException("zk: no ZooKeeper server answered at " + options.connectString() + " within "
                    + connectionMs + " ms");
        }
        CuratorJson json = new CuratorJson(options.payloadClass());
        ServiceDiscovery<InstancePayload> discovery = new IdempotentServiceDiscovery(client, options.basePath(), json);
        try {
            discovery.start();
        } catch (Exception e) {
            client.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("zk: could not start service discovery at " + options.connectString(), e);
        }
        return new ZooKeeperRegistry(options, log, client, discovery, json);
    }

    @Override
    public Registrar registrar(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkNode(instance.name(), "service name");
        checkNode(instance.id(), "instance id");
        checkOpen();
        return new ZooKeeperRegistrar(discovery, instance, logger);
    }

    @Override
    public Instancer instancer(String service) {
        Objects.requireNonNull(service, "service");
        checkNode(service, "service name");
        checkOpen();
        ZooKeeperInstancer instancer = new ZooKeeperInstancer(client, options.basePath(), service, json,
                logger.with("instancer", service), instancers::remove);
        instancers.add(instancer);
        instancer.start(options.connectionTimeout());
        return instancer;
    }

    /**
     * The names of the services under the base path that hold at least one instance (see
     * {@link ZooKeeperCatalog}); waits up to the connection timeout for the first read.
     */
    @Override
    public Catalog catalog() {
        checkOpen();
        ZooKeeperCatalog catalog = new ZooKeeperCatalog(client, options.basePath(), json, logger.with("catalog",
                options.basePath()), catalogs::remove);
        catalogs.add(catalog);
        catalog.start(options.connectionTimeout());
        return catalog;
    }

    /** The options this registry was opened with. */
    public ZooKeeperOptions options() {
        return options;
    }

    /**
     * The Curator client of this registry, for what kit4j does not cover (reading nodes, watching other
     * paths). Do not close it: {@link #close()} does.
     */
    public CuratorFramework curator() {
        return client;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ZooKeeperInstancer i : List.copyOf(instancers)) {
            i.stop();
        }
        for (ZooKeeperCatalog c : List.copyOf(catalogs)) {
            c.close();
        }
        try {
            if (client.getZookeeperClient().isConnected()) {
                discovery.close();
            } else {
                logger.log("msg", "ZooKeeper unreachable at close; the instances go when the session expires");
            }
        } catch (IOException | RuntimeException e) {
            logger.log("action", "close", "err", e);
        } finally {
            client.close();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("zk: the registry is closed");
        }
    }

    private static void checkNode(String s, String what) {
        if (s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("zk: the " + what + " '" + s
                    + "' is not a ZooKeeper node name (no '/', no control characters, not '.' or '..')");
        }
    }
}
