package io.kit4j.sd;

import io.kit4j.log.Logger;
import java.net.URI;

/**
 * Opens a {@link Registry} for registry URIs of one scheme ({@code zk}, {@code etcd}, {@code consul}).
 * Each registry module provides one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.kit4j.sd.RegistryProvider}), so {@link Registries#open} finds it on the
 * class path.
 */
public interface RegistryProvider {

    /** The URI scheme this provider handles, lower case. */
    String scheme();

    /**
     * Connects to the registry at {@code uri}: host and port of the server (several servers as a
     * comma-separated list in the authority), options as query parameters the module documents.
     */
    Registry open(URI uri, Logger logger);
}
