package io.kit4j.sd.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.InstanceCache;
import io.kit4j.sd.lb.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final Object STOP = new Object();

    private final Client client;
    private final EtcdConfig config;
    private final Logger logger;
    private final String keyPrefix;
    private final ByteSequence keyPrefixBytes;
    private final Runnable onStop;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean running = true;
    // Owned by the constructor, then by the loop thread.
    private final Map<String, String> entries = new TreeMap<>();
    private long generation;
    private Watch.Watcher watcher;
    private boolean everRead;

    private record Changes(long generation, WatchResponse response) {
    }

    private record Broken(long generation, Throwable error) {
    }

    EtcdInstancer(Client client, EtcdConfig config, String service, Logger logger, Runnable onStop) {
        super(logger);
        this.client = client;
        this.config = config;
        this.keyPrefix = config.serviceKeyPrefix(service);
        this.keyPrefixBytes = ByteSequence.from(keyPrefix, StandardCharsets.UTF_8);
        this.logger = logger.with("prefix", keyPrefix);
        this.onStop = onStop;
        readAndWatch();
        this.loop = Thread.ofVirtual().name("kit4j-etcd-instancer " + keyPrefix).start(this::run);
    }

    /** The key prefix watched: {@code <prefix>/<service>/}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Stops watching; the last published state stays. Later calls do nothing. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        inbox.add(STOP);
        if (Thread.currentThread() != loop) {
            try {
                if (!loop.join(config.timeout().multipliedBy(3))) {
                    logger.log("msg", "instancer thread did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onStop.run();
    }

    private void run() {
        int failures = 0;
        try {
            while (running) {
                if (watcher == null) {
                    if (readAndWatch()) {
                        failures = 0;
                    } else if (!pause(BACKOFF.delay(++failures))) {
                        break;
                    }
                    continue;
                }
                Object item = inbox.take();
                if (item == STOP) {
                    break;
                }
                handle(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWatcher();
        }
    }

    private void handle(Object item) {
        if (item instanceof Changes c && c.generation() == generation) {
            for (WatchEvent e : c.response().getEvents()) {
                String key = e.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
                switch (e.getEventType()) {
                    case PUT -> entries.put(key, e.getKeyValue().getValue().toString(StandardCharsets.UTF_8));
                    case DELETE -> entries.remove(key);
                    default -> {
                    }
                }
            }
            publish();
        } else if (item instanceof Broken b && b.generation() == generation) {
            logger.log("msg", "watch ended; reading again", "err", b.error() == null ? "watch closed" : b.error());
            closeWatcher();
        }
    }

    /** Waits {@code delay}, ignoring stale watch news; false when stopped meanwhile. */
    private boolean pause(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Object item = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (item == STOP) {
                return false;
            }
        }
        return running;
    }

    /** Reads the prefix, publishes it and watches from the next revision. False when etcd failed. */
    private boolean readAndWatch() {
        GetResponse read;
        try {
            read = Calls.await(client.getKVClient().get(keyPrefixBytes, GetOption.builder().isPrefix(true).build()),
                    config.timeout(), "get");
        } catch (Exception e) {
            logger.log("msg", "cannot read instances", "err", e);
            if (!everRead) {
                update(Event.error(e));
            }
            return false;
        }
        entries.clear();
        for (KeyValue kv : read.getKvs()) {
            entries.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8));
        }
        everRead = true;
        publish();
        long gen = ++generation;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(read.getHeader().getRevision() + 1).build();
        try {
            watcher = client.getWatchClient().watch(keyPrefixBytes, option, new Watch.Listener() {
                @Override
                public void onNext(WatchResponse response) {
                    inbox.add(new Changes(gen, response));
                }

                @Override
                public void onError(Throwable t) {
                    inbox.add(new Broken(gen, t));
                }

                @Override
                public void onCompleted() {
                    inbox.add(new Broken(gen, null));
                }
            });
        } catch (RuntimeException e) {
            logger.log("msg", "cannot watch instances", "err", e);
            return false;
        }
        return true;
    }

    private void publish() {
        List<String> instances = new ArrayList<>(entries.size());
        for (String value : entries.values()) {
            if (!value.isEmpty()) {
                instances.add(value);
            }
        }
        update(Event.of(instances));
    }

    private void closeWatcher() {
        generation++;
        Watch.Watcher w = watcher;
        watcher = null;
        if (w != null) {
            try {
                w.close();
            } catch (RuntimeException e) {
                logger.log("msg", "closing the watch failed", "err", e);
            }
        }
    }

    @Override
    public String toString() {
        return "EtcdInstancer[" + keyPrefix + "]";
    }
}
