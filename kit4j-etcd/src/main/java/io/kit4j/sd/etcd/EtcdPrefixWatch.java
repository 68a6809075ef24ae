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
import io.kit4j.sd.lb.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The keys under one etcd prefix, read and then watched, handed to a sink as a complete list after every
 * change: the machinery under {@link EtcdInstancer} (the instances of one service) and
 * {@link EtcdCatalog} (the service names under the registry's prefix). The list is a view of the
 * current keys and values (a sorted map, key to value) that the owner gives.
 *
 * <p>It reads the whole prefix, publishes, then watches the prefix from the read's revision + 1 and
 * applies each put and delete as it comes, publishing the new list. Any watch failure (etcd unreachable,
 * restarted, the revision compacted) ends the watch; the prefix is then read again, with capped
 * exponential backoff until etcd answers, and watched anew. Meanwhile the last list stays: only when
 * etcd has never been read is an error event published. The sink runs on the watch's own thread (and on
 * the constructor's for the first read), never on a jetcd network thread.
 */
final class EtcdPrefixWatch {
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final Object STOP = new Object();

    private final Client client;
    private final Duration timeout;
    private final Logger logger;
    private final ByteSequence keyPrefixBytes;
    private final Function<SortedMap<String, String>, List<String>> view;
    private final Consumer<Event> sink;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean running = true;
    // Owned by the constructor, then by the loop thread.
    private final TreeMap<String, String> entries = new TreeMap<>();
    private long generation;
    private Watch.Watcher watcher;
    private boolean everRead;

    private record Changes(long generation, WatchResponse response) {
    }

    private record Broken(long generation, Throwable error) {
    }

    /**
     * Reads {@code keyPrefix} now (publishing {@code view} of it, or an error, into {@code sink}), then
     * watches it on a virtual thread named {@code threadName}; each etcd call may take {@code timeout}.
     */
    EtcdPrefixWatch(Client client, Duration timeout, String keyPrefix, Function<SortedMap<String, String>, List<String>> view,
            Consumer<Event> sink, Logger logger, String threadName) {
        this.client = client;
        this.timeout = timeout;
        this.keyPrefixBytes = ByteSequence.from(keyPrefix, StandardCharsets.UTF_8);
        this.view = view;
        this.sink = sink;
        this.logger = logger;
        readAndWatch();
        this.loop = Thread.ofVirtual().name(threadName).start(this::run);
    }

    /** Stops watching; true the first time. Waits a bounded time for the watch thread to end. */
    boolean stop() {
        if (!running) {
            return false;
        }
        running = false;
        inbox.add(STOP);
        if (Thread.currentThread() != loop) {
            try {
                if (!loop.join(timeout.multipliedBy(3))) {
                    logger.log("msg", "watch thread did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
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
                    timeout, "get");
        } catch (Exception e) {
            logger.log("msg", "cannot read the prefix", "err", e);
            if (!everRead) {
                sink.accept(Event.error(e));
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
            logger.log("msg", "cannot watch the prefix", "err", e);
            return false;
        }
        return true;
    }

    private void publish() {
        sink.accept(Event.of(view.apply(Collections.unmodifiableSortedMap(entries))));
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
}
