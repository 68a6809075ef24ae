package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.InstanceCache;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceInstance;

/**
 * The instances of one service, watched in ZooKeeper: a {@link ZooKeeperWatch} (a Curator cache, one
 * persistent recursive watch) on {@code <basePath>/<service>}, whose children are read as Curator service
 * instances and published as sorted {@code host:port} strings through {@link InstanceCache}.
 *
 * <ul>
 *   <li>A set is published once the cache has read the node completely, then after every change (an
 *       instance added, changed or removed). Instances without a port, and those Curator marks
 *       {@code "enabled": false}, are left out; a node that is not a Curator instance is logged and left
 *       out.</li>
 *   <li>Connection lost ({@code SUSPENDED}): nothing is published; the last set stays. The server keeps
 *       the watch for the session, and the cache catches up when the connection is back.</li>
 *   <li>Session lost ({@code LOST}: no connection for the session timeout, or the session expired): an
 *       error event, go-kit's behaviour when its ZooKeeper read fails. An endpointer keeps its last
 *       endpoints (unless told to invalidate them). Once a new session is connected the node is read
 *       afresh with a new cache, and the error stays until that read is complete; then the complete set
 *       is published (never the stale set from before the loss).</li>
 *   <li>If the first read does not finish within the connection timeout, the state is an error until it
 *       does.</li>
 * </ul>
 */
final class ZooKeeperInstancer extends InstanceCache {
    private final ZooKeeperWatch watch;
    private final Consumer<ZooKeeperInstancer> onStop;

    ZooKeeperInstancer(CuratorFramework client, String basePath, String service, CuratorJson json, Logger logger,
            Consumer<ZooKeeperInstancer> onStop) {
        super(logger);
        String path = ZKPaths.makePath(basePath, service);
        this.watch = new ZooKeeperWatch(client, path, "the instances of " + service,
                cache -> instances(cache, path, json, logger), this::update, logger);
        this.onStop = onStop;
    }

    /** Starts watching; waits up to {@code wait} for the first complete read. */
    void start(Duration wait) {
        watch.start(wait);
    }

    @Override
    public void stop() {
        if (watch.stop()) {
            onStop.accept(this);
        }
    }

    /** The ZooKeeper path watched. */
    String path() {
        return watch.path();
    }

    private static List<String> instances(CuratorCache cache, String path, CuratorJson json, Logger logger) {
        List<String> out = new ArrayList<>();
        cache.stream().filter(d -> !d.getPath().equals(path) && ZKPaths.getPathAndNode(d.getPath()).getPath().equals(path))
                .forEach(d -> {
                    String instance = instanceString(d, json, logger);
                    if (instance != null) {
                        out.add(instance);
                    }
                });
        return out;
    }

    /**
     * The {@code host:port} of the Curator service instance in {@code d}, or null when it has none to
     * offer: no data, not a Curator instance (logged), disabled, or without address or port.
     */
    static String instanceString(ChildData d, CuratorJson json, Logger logger) {
        byte[] data = d.getData();
        if (data == null || data.length == 0) {
            return null;
        }
        ServiceInstance<InstancePayload> i;
        try {
            i = json.deserialize(data);
        } catch (IOException | RuntimeException e) {
            logger.log("node", d.getPath(), "msg", "not a Curator service instance; left out",
                    "err", e.getMessage());
            return null;
        }
        if (!i.isEnabled() || i.getPort() == null || i.getAddress() == null || i.getAddress().isBlank()) {
            return null;
        }
        String host = i.getAddress();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + i.getPort();
    }
}
