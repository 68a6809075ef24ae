package io.kit4j.sd.etcd;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registry;
import io.kit4j.sd.RegistryProvider;
import java.net.URI;

/**
 * Opens {@code etcd://host:port[,host:port...][?prefix=/services&ttl=10s&timeout=5s]} registries for
 * {@link io.kit4j.sd.Registries#open}; found through {@link java.util.ServiceLoader}. The options are
 * those of {@link EtcdConfig#fromUri}.
 */
public final class EtcdRegistryProvider implements RegistryProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EtcdRegistryProvider() {
    }

    @Override
    public String scheme() {
        return "etcd";
    }

    @Override
    public Registry open(URI uri, Logger logger) {
        return EtcdRegistry.open(EtcdConfig.fromUri(uri), logger);
    }
}
