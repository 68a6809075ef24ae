package io.kit4j.sd;

import io.kit4j.log.Logger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens a {@link Registry} from a URI such as {@code zk://127.0.0.1:2181}, {@code etcd://127.0.0.1:2379}
 * or {@code consul://127.0.0.1:8500}, through the {@link RegistryProvider}s on the class path.
 */
public final class Registries {
    private Registries() {
    }

    /** Opens the registry at {@code uri}; fails naming the known schemes when none handles it. */
    public static Registry open(String uri, Logger logger) {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a registry URI: " + uri + " (" + e.getMessage() + ")", e);
        }
        if (u.getScheme() == null) {
            throw new IllegalArgumentException("registry URI needs a scheme, like zk://127.0.0.1:2181: " + uri);
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (RegistryProvider p : ServiceLoader.load(RegistryProvider.class)) {
            if (p.scheme().equals(scheme)) {
                return p.open(u, logger);
            }
            known.add(p.scheme());
        }
        throw new IllegalArgumentException("no registry module handles '" + scheme + "://' (on the class path: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }
}
