package io.kit4j.sd.consul;

import io.kit4j.log.Logger;
import io.kit4j.sd.RegistryProvider;
import java.net.URI;

/**
 * Opens {@code consul://host:port?token=&wait=&dc=&timeout=} URIs for
 * {@link io.kit4j.sd.Registries#open}; found through {@link java.util.ServiceLoader}.
 */
public final class ConsulRegistryProvider implements RegistryProvider {

    /** The provider {@link java.util.ServiceLoader} instantiates. */
    public ConsulRegistryProvider() {
    }

    @Override
    public String scheme() {
        return "consul";
    }

    @Override
    public ConsulRegistry open(URI uri, Logger logger) {
        return ConsulRegistry.open(uri, logger);
    }
}
