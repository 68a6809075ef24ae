package io.kit4j.sd.etcd;

import io.kit4j.log.Logger;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;

/**
 * A separate process for {@link EtcdProcessDeathTest}: registers {@code service} at {@code host:port}
 * with a lease of {@code ttl} seconds, prints {@code registered <lease>} and waits to be killed.
 * Arguments: {@code endpoint service host port ttlSeconds}.
 */
public final class RegisterMain {
    private RegisterMain() {
    }

    public static void main(String[] args) throws Exception {
        // A long request timeout: on a loaded machine the child's first call (JVM and gRPC warm-up) can take
        // longer than the 5 s default; the test is about what happens after registration.
        EtcdConfig config = EtcdConfig.of(args[0]).withTtl(Duration.ofSeconds(Long.parseLong(args[4])))
                .withTimeout(Duration.ofSeconds(60));
        EtcdRegistry registry = EtcdRegistry.open(config, Logger.logfmt(System.err).with("process", "child"));
        EtcdRegistrar registrar = registry.registrar(ServiceInstance.of(args[1], args[2], Integer.parseInt(args[3])));
        registrar.register();
        System.out.println("registered " + Long.toHexString(registrar.leaseId()));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
