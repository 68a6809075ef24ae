package io.kit4j.sd.zookeeper;

import java.util.Arrays;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.InstanceSerializer;
import org.apache.curator.x.discovery.details.ServiceDiscoveryImpl;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Curator's service discovery, with one change: writing an instance leaves alone a node that this
 * session already owns with the same data (and updates it in place when the data differs), and only
 * deletes a node owned by another session (an expired one, typically) before creating its own. Curator
 * deletes and re-creates the node on every (re)connection, so an instance briefly disappears for its
 * watchers each time, even right after the registry connects.
 */
final class IdempotentServiceDiscovery extends ServiceDiscoveryImpl<InstancePayload> {
    private static final int MAX_TRIES = 5;
    private final CuratorFramework client;
    private final String basePath;
    private final InstanceSerializer<InstancePayload> serializer;

    IdempotentServiceDiscovery(CuratorFramework client, String basePath, InstanceSerializer<InstancePayload> serializer) {
        super(client, basePath, serializer, null, false);
        this.client = client;
        this.basePath = basePath;
        this.serializer = serializer;
    }

    @Override
    protected void internalRegisterService(ServiceInstance<InstancePayload> service) throws Exception {
        if (service.getServiceType() != ServiceType.DYNAMIC) {
            super.internalRegisterService(service);
            return;
        }
        byte[] bytes = serializer.serialize(service);
        String path = ZKPaths.makePath(basePath, service.getName(), service.getId());
        for (int i = 0; i < MAX_TRIES; i++) {
            Stat stat = new Stat();
            byte[] current;
            try {
                current = client.getData().storingStatIn(stat).forPath(path);
            } catch (KeeperException.NoNodeException e) {
                try {
                    client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, bytes);
                    return;
                } catch (KeeperException.NodeExistsException raced) {
                    continue;
                }
            }
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            try {
                if (stat.getEphemeralOwner() == session) {
                    if (!Arrays.equals(current, bytes)) {
                        client.setData().withVersion(stat.getVersion()).forPath(path, bytes);
                    }
                    return;
                }
                client.delete().withVersion(stat.getVersion()).forPath(path);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException raced) {
                // changed under us: look again
            }
        }
        throw new IllegalStateException("zk: could not write " + path + " in " + MAX_TRIES + " tries (it keeps changing)");
    }
}
