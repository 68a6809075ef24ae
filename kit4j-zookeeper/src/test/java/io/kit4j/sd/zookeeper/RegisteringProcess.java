package io.kit4j.sd.zookeeper;

import io.kit4j.log.Logger;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;

/**
 * A separate service process for the kill -9 test: registers {@code <service> <host> <port>} with the
 * ZooKeeper at {@code <connectString>} (session timeout {@code <sessionTimeoutMs>}), prints
 * {@code REGISTERED} and waits to be killed.
 */
public final class RegisteringProcess {
    private RegisteringProcess() {
    }

    public static void main(String[] args) throws Exception {
        ZooKeeperOptions options = ZooKeeperOptions.of(args[0])
                .withSessionTimeout(Duration.ofMillis(Long.parseLong(args[4])));
        ZooKeeperRegistry registry = ZooKeeperRegistry.open(options, Logger.logfmt(System.err));
        registry.registrar(ServiceInstance.of(args[1], args[2], Integer.parseInt(args[3]))).register();
        System.out.println("REGISTERED session=0x" + Long.toHexString(Sessions.id(registry.curator())));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
