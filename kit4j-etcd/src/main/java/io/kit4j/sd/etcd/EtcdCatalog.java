package io.kit4j.sd.etcd;

import io.etcd.jetcd.Client;
import io.kit4j.log.Logger;
import io.kit4j.sd.CatalogCache;
import io.kit4j.sd.CatalogEvent;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The names of the services under the registry's key prefix, watched in etcd: in go-kit's layout an
 * instance is the key {@code <prefix>/<service>/<id>} holding {@code host:port}, so a name is listed
 * while at least one key {@code <prefix>/<name>/…} holds a non-empty value, which is exactly when
 * {@code instancer(name)} publishes an instance. A key {@code <prefix>/<name>} without a further
 * {@code /} is not an instance and lists nothing. One prefix watch on {@code <prefix>/} (see
 * {@link EtcdPrefixWatch}): the last names stay while etcd is away, an error only before the first read.
 */
public final class EtcdCatalog extends CatalogCache {
    private final String keyPrefix;
    private final Runnable onClose;
    private final EtcdPrefixWatch watch;

    EtcdCatalog(Client client, EtcdConfig config, Logger logger, Runnable onClose) {
        super(logger);
        this.keyPrefix = config.prefix() + "/";
        this.onClose = onClose;
        this.watch = new EtcdPrefixWatch(client, config.timeout(), keyPrefix, entries -> names(entries, keyPrefix),
                e -> update(e.isError() ? CatalogEvent.error(e.error()) : CatalogEvent.of(e.instances())),
                logger.with("catalog", keyPrefix), "kit4j-etcd-catalog " + keyPrefix);
    }

    /** The key prefix watched: {@code <prefix>/}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Stops watching; the last published state stays. Later calls do nothing. */
    @Override
    public void close() {
        if (watch.stop()) {
            onClose.run();
        }
    }

    private static List<String> names(SortedMap<String, String> entries, String keyPrefix) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String rest = e.getKey().substring(keyPrefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && !e.getValue().isEmpty()) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "EtcdCatalog[" + keyPrefix + "]";
    }
}
