package io.kit4j.sd.zookeeper;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Test helpers around ZooKeeper sessions. */
final class Sessions {
    private Sessions() {
    }

    /** The id of the client's current session. */
    static long id(CuratorFramework client) throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /**
     * Makes the server expire the client's session for real: a second connection joins the session with
     * its id and password and closes it, so the server ends it (deleting its ephemeral nodes) and the
     * client is told {@code Expired} when it next talks to the server.
     */
    static void expire(CuratorFramework client, String connectString) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        long id = zk.getSessionId();
        byte[] password = zk.getSessionPasswd();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper other = new ZooKeeper(connectString, (int) Duration.ofSeconds(10).toMillis(), e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, id, password);
        try {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("could not join session 0x" + Long.toHexString(id));
            }
        } finally {
            other.close();
        }
    }
}
