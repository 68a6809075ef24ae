package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.InstanceCache;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceInstance;

/**
 * The instances of one service, watched in ZooKeeper: a Curator {@link CuratorCache} (one persistent
 * recursive watch) on {@code <basePath>/<service>}, whose children are read as Curator service
 * instances and published as sorted {@code host:port} strings through {@link InstanceCache}.
 *
 * <ul>
 *   <li>A set is published once the cache has read the node completely, then after every change (an
 *       instance added, changed or removed). Instances without a port, and those Curator marks
 *       {@code "enabled": false}, are left out; a node that is not a Curator instance is logged and left
 *       out.</li>
 *   <li>Connection lost ({@code SUSPENDED}): nothing is published; the last set stays. The server keeps
 *       the watch for the session, and the cache catches up when the connection is back.</li>
 *   <li>Session lost ({@code LOST}: no connection for the session timeout, or the session expired): an
 *       error event, go-kit's behaviour when its ZooKeeper read fails. An endpointer keeps its last
 *       endpoints (unless told to invalidate them). Once a new session is connected the node is read
 *       afresh with a new cache, and the error stays until that read is complete; then the complete set
 *       is published (never the stale set from before the loss).</li>
 *   <li>If the first read does not finish within the connection timeout, the state is an error until it
 *       does.</li>
 * </ul>
 */
final class ZooKeeperInstancer extends InstanceCache {
    private final String service;
    private final String path;
    private final CuratorFramework client;
    private final CuratorJson json;
    private final Logger logger;
    private final Consumer<ZooKeeperInstancer> onStop;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private volatile Watch watch;
    private volatile boolean sessionLost;

    /** One cache over the service node; {@code read} once it has read the node completely. */
    private record Watch(CuratorCache cache, AtomicBoolean read) {
    }

    ZooKeeperInstancer(CuratorFramework client, String basePath, String service, CuratorJson json, Logger logger,
            Consumer<ZooKeeperInstancer> onStop) {
        super(logger);
        this.service = service;
        this.path = ZKPaths.makePath(basePath, service);
        this.client = client;
        this.json = json;
        this.logger = logger;
        this.onStop = onStop;
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
            publishError(new IOException("zk: the instances of " + service + " (" + path
                    + ") are not read yet: no answer from ZooKeeper within " + wait.toMillis() + " ms"), true);
        }
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
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
        onStop.accept(this);
    }

    /** The ZooKeeper path watched. */
    String path() {
        return path;
    }

    /** A started cache that publishes once it has read the node, then on every change. Called under the lock. */
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
                publishError(new IOException("zk: lost the ZooKeeper session; the instances of " + service
                        + " are unknown until the connection is back"), false);
            }
            case RECONNECTED, CONNECTED -> {
                publishLock.lock();
                try {
                    if (sessionLost && !stopped.get()) {
                        // A new session: read the node afresh; the error stays until that read is complete.
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
            update(Event.error(e));
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
            List<String> instances = new ArrayList<>();
            w.cache().stream().filter(d -> isChild(d.getPath())).forEach(d -> addInstance(d, instances));
            update(Event.of(instances));
        } finally {
            publishLock.unlock();
        }
    }

    private boolean isChild(String p) {
        return !p.equals(path) && ZKPaths.getPathAndNode(p).getPath().equals(path);
    }

    private void addInstance(ChildData d, List<String> out) {
        byte[] data = d.getData();
        if (data == null || data.length == 0) {
            return;
        }
        ServiceInstance<InstancePayload> i;
        try {
            i = json.deserialize(data);
        } catch (IOException | RuntimeException e) {
            logger.log("node", d.getPath(), "msg", "not a Curator service instance; left out",
                    "err", e.getMessage());
            return;
        }
        if (!i.isEnabled() || i.getPort() == null || i.getAddress() == null || i.getAddress().isBlank()) {
            return;
        }
        String host = i.getAddress();
        out.add((host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + i.getPort());
    }
}
