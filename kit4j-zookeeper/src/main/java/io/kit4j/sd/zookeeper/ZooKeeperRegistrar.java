package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceType;

/**
 * Registers one instance as an ephemeral node {@code <basePath>/<name>/<id>} holding Curator's
 * service-instance JSON ({@code serviceType DYNAMIC}), through Curator's {@link ServiceDiscovery}: the
 * node disappears when this process's session ends, and is written again after a reconnection or a new
 * session (left alone when this session still owns it; see {@link IdempotentServiceDiscovery}). Failures are logged ({@code action=register err=…}), never thrown; a
 * {@link #register()} that fails because ZooKeeper is unreachable is retried by Curator once the
 * connection is back. Both calls are idempotent.
 */
final class ZooKeeperRegistrar implements Registrar {
    private final ServiceDiscovery<InstancePayload> discovery;
    private final ServiceInstance instance;
    private final Logger logger;
    private org.apache.curator.x.discovery.ServiceInstance<InstancePayload> registered;

    ZooKeeperRegistrar(ServiceDiscovery<InstancePayload> discovery, ServiceInstance instance, Logger logger) {
        this.discovery = discovery;
        this.instance = instance;
        this.logger = logger.with("service", instance.name(), "id", instance.id(), "address", instance.address());
    }

    /** Writes the instance; its {@code registrationTimeUTC} is the time of the first call. */
    @Override
    public synchronized void register() {
        if (registered == null) {
            registered = curatorInstance(System.currentTimeMillis());
        }
        try {
            discovery.registerService(registered);
            logger.log("action", "register");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            logger.log("action", "register", "err", e);
        }
    }

    @Override
    public synchronized void deregister() {
        try {
            discovery.unregisterService(curatorInstance(0));
            logger.log("action", "deregister");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            logger.log("action", "deregister", "err", e);
        }
    }

    private org.apache.curator.x.discovery.ServiceInstance<InstancePayload> curatorInstance(long registeredAt) {
        return new org.apache.curator.x.discovery.ServiceInstance<>(instance.name(), instance.id(), instance.host(),
                instance.port(), null, InstancePayload.of(instance), registeredAt, ServiceType.DYNAMIC, null);
    }
}
