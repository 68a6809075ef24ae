package io.kit4j.sd.etcd;

import io.etcd.jetcd.Client;
import io.kit4j.log.Logger;
import io.kit4j.sd.InstanceCache;

/**
 * The instances of one service as etcd knows them: the values under {@code <prefix>/<service>/}, go-kit's
 * {@code sd/etcdv3} instancer. It reads the whole prefix, publishes the values (sorted, distinct,
 * through {@link InstanceCache}), then watches the prefix from the read's revision + 1 and applies each
 * put and delete as it comes, publishing the new complete set.
 *
 * <p>Any watch failure (etcd unreachable, restarted, the revision compacted) ends the watch; the
 * instancer then reads the whole prefix again, retrying with capped exponential backoff until etcd
 * answers, and watches anew. Meanwhile it keeps publishing the last set it read: listeners keep their
 * instances while etcd is away. Only when etcd has never been read does it publish an error event.
 * Keys with an empty value are ignored.
 *
 * <p>Listeners run on the instancer's own thread (and on the caller's for {@link #register}), never on
 * a jetcd network thread.
 */
public final class EtcdInstancer extends InstanceCache {
    private final String keyPrefix;
    private final Runnable onStop;
    private final EtcdPrefixWatch watch;

    EtcdInstancer(Client client, EtcdConfig config, String service, Logger logger, Runnable onStop) {
        super(logger);
        this.keyPrefix = config.serviceKeyPrefix(service);
        this.onStop = onStop;
        this.watch = new EtcdPrefixWatch(client, config.timeout(), keyPrefix, 
                entries -> entries.values().stream().filter(v -> !v.isEmpty()).toList(),
                this::update, logger.with("prefix", keyPrefix), "kit4j-etcd-instancer " + keyPrefix);
    }

    /** The key prefix watched: {@code <prefix>/<service>/}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Stops watching; the last published state stays. Later calls do nothing. */
    @Override
    public void stop() {
        if (watch.stop()) {
            onStop.run();
        }
    }

    @Override
    public String toString() {
        return "EtcdInstancer[" + keyPrefix + "]";
    }
}
