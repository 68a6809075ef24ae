package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registry;
import io.kit4j.sd.RegistryProvider;
import java.net.URI;

/**
 * Opens {@link ZooKeeperRegistry ZooKeeper registries} for {@code zk://} URIs; found by
 * {@link io.kit4j.sd.Registries#open} through {@link java.util.ServiceLoader}.
 */
public final class ZooKeeperRegistryProvider implements RegistryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public ZooKeeperRegistryProvider() {
    }

    @Override
    public String scheme() {
        return "zk";
    }

    @Override
    public Registry open(URI uri, Logger logger) {
        return ZooKeeperRegistry.open(uri, logger);
    }
}
