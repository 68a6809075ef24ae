package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * One ZooKeeper subtree watched by a Curator {@link CuratorCache} (one persistent recursive watch), read
 * into a complete list of strings after every change and handed to a sink as an {@link Event}: the
 * machinery under {@link ZooKeeperInstancer} (the instances of one service) and {@link ZooKeeperCatalog}
 * (the service names under the base path).
 *
 * <ul>
 *   <li>A list is published once the cache has read the subtree completely, then after every change.</li>
 *   <li>Connection lost ({@code SUSPENDED}): nothing is published; the last list stays. The server keeps
 *       the watch for the session, and the cache catches up when the connection is back.</li>
 *   <li>Session lost ({@code LOST}): an error event. Once a new session is connected the subtree is read
 *       afresh with a new cache, and the error stays until that read is complete; then the complete list
 *       is published (never the stale one from before the loss).</li>
 *   <li>If the first read does not finish within the wait given to {@link #start}, an error until it does.</li>
 * </ul>
 */
final class ZooKeeperWatch {
    private final CuratorFramework client;
    private final String path;
    private final String what;
    private final Function<CuratorCache, List<String>> read;
    private final Consumer<Event> sink;
    private final Logger logger;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private volatile Watch watch;
    private volatile boolean sessionLost;

    /** One cache over the subtree; {@code read} once it has read the subtree completely. */
    private record Watch(CuratorCache cache, AtomicBoolean read) {
    }

    /**
     * A watch of {@code path} publishing {@code read} of the cache into {@code sink}; {@code what} names
     * what is read in error messages ("the instances of users").
     */
    ZooKeeperWatch(CuratorFramework client, String path, String what, Function<CuratorCache, List<String>> read,
            Consumer<Event> sink, Logger logger) {
        this.client = client;
        this.path = path;
        this.what = what;
        this.read = read;
        this.sink = sink;
        this.logger = logger;
    }

    /** Starts watching; waits up to {@code wait} for the first complete read. */
    void start(Duration wait) {
        client.getConnectionStateListenable().addListener(connectionListener);
        publishLock.lock();
        try {
            watch = newWatch();
        } finally {
            publishLock.unlock();
        }
        boolean done;
        try {
            done = firstRead.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            publishError(new IOException("zk: " + what + " (" + path + ") are not read yet: no answer from ZooKeeper within "
                    + wait.toMillis() + " ms"), true);
        }
    }

    /** Stops watching; true the first time. */
    boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        publishLock.lock();
        try {
            if (watch != null) {
                watch.cache().close();
            }
        } finally {
            publishLock.unlock();
        }
        return true;
    }

    /** The ZooKeeper path watched. */
    String path() {
        return path;
    }

    /** A started cache that publishes once it has read the subtree, then on every change. Called under the lock. */
    private Watch newWatch() {
        Watch w = new Watch(CuratorCache.build(client, path), new AtomicBoolean());
        w.cache().listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> {
                    if (w.read().get()) {
                        publish(w);
                    }
                })
                .forInitialized(() -> {
                    w.read().set(true);
                    publish(w);
                    firstRead.countDown();
                })
                .build());
        w.cache().start();
        return w;
    }

    private void connectionChanged(CuratorFramework c, ConnectionState state) {
        switch (state) {
            case LOST -> {
                publishLock.lock();
                try {
                    sessionLost = true;
                } finally {
                    publishLock.unlock();
                }
                publishError(new IOException("zk: lost the ZooKeeper session; " + what
                        + " are unknown until the connection is back"), false);
            }
            case RECONNECTED, CONNECTED -> {
                publishLock.lock();
                try {
                    if (sessionLost && !stopped.get()) {
                        // A new session: read the subtree afresh; the error stays until that read is complete.
                        sessionLost = false;
                        Watch old = watch;
                        watch = newWatch();
                        old.cache().close();
                    }
                } finally {
                    publishLock.unlock();
                }
            }
            default -> {
            }
        }
    }

    private void publishError(Exception e, boolean onlyBeforeFirstRead) {
        publishLock.lock();
        try {
            if (stopped.get() || (onlyBeforeFirstRead && firstRead.getCount() == 0)) {
                return;
            }
            logger.log("path", path, "err", e.getMessage());
            sink.accept(Event.error(e));
        } finally {
            publishLock.unlock();
        }
    }

    private void publish(Watch w) {
        publishLock.lock();
        try {
            if (stopped.get() || sessionLost || w != watch) {
                return;
            }
            sink.accept(Event.of(read.apply(w.cache())));
        } finally {
            publishLock.unlock();
        }
    }
}
