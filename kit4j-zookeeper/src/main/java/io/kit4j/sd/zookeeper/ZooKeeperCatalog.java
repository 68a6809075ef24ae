package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.CatalogCache;
import io.kit4j.sd.CatalogEvent;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;

/**
 * The names of the services under the base path, watched in ZooKeeper: a {@link ZooKeeperWatch} on
 * {@code <basePath>} (one persistent recursive watch). A child {@code <basePath>/<name>} is listed while
 * it holds at least one instance the {@link ZooKeeperInstancer} would publish (a Curator instance that is
 * enabled and has an address and a port); an empty service node, left behind after its last instance
 * went, is not listed. Connection and session losses are handled as the instancer handles them: the
 * last names stay while the connection is down, a lost session is an error event until a new session
 * has read the tree again.
 */
final class ZooKeeperCatalog extends CatalogCache {
    private final ZooKeeperWatch watch;
    private final Consumer<ZooKeeperCatalog> onClose;

    ZooKeeperCatalog(CuratorFramework client, String basePath, CuratorJson json, Logger logger,
            Consumer<ZooKeeperCatalog> onClose) {
        super(logger);
        this.watch = new ZooKeeperWatch(client, basePath, "the services", cache -> names(cache, basePath, json, logger),
                e -> update(e.isError() ? CatalogEvent.error(e.error()) : CatalogEvent.of(e.instances())), logger);
        this.onClose = onClose;
    }

    /** Starts watching; waits up to {@code wait} for the first complete read. */
    void start(Duration wait) {
        watch.start(wait);
    }

    @Override
    public void close() {
        if (watch.stop()) {
            onClose.accept(this);
        }
    }

    private static List<String> names(CuratorCache cache, String basePath, CuratorJson json, Logger logger) {
        TreeSet<String> names = new TreeSet<>();
        cache.stream().forEach(d -> {
            String service = serviceOf(d, basePath);
            if (service != null && !names.contains(service) && ZooKeeperInstancer.instanceString(d, json, logger) != null) {
                names.add(service);
            }
        });
        return List.copyOf(names);
    }

    /** The service whose instance node {@code d} would be ({@code <basePath>/<service>/<id>}), or null. */
    private static String serviceOf(ChildData d, String basePath) {
        if (d.getPath().equals(basePath)) {
            return null;
        }
        ZKPaths.PathAndNode parent = ZKPaths.getPathAndNode(ZKPaths.getPathAndNode(d.getPath()).getPath());
        return parent.getPath().equals(basePath) && !parent.getNode().isEmpty() ? parent.getNode() : null;
    }
}
