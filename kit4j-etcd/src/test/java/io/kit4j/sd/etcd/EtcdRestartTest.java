package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.KeyValue;
import io.kit4j.log.Logger;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** etcd goes away for longer than the TTL and comes back while a registrar and an instancer run. */
class EtcdRestartTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "restart");

    @Test
    void clientsKeepTheirInstancesWhileEtcdIsDownAndRecoverWhenItIsBack() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()).withTtl(ttl)
                .withTimeout(Duration.ofSeconds(2)), LOG); Raw raw = new Raw(etcd)) {
            etcd.etcdctl("put", "/services/svc/static", "10.1.1.1:80");
            EtcdRegistrar registrar = registry.registrar(ServiceInstance.of("svc", "127.0.0.1", 7001));
            registrar.register();
            EtcdInstancer instancer = registry.instancer("svc");
            Recorder rec = new Recorder();
            instancer.register(rec);
            List<String> before = List.of("10.1.1.1:80", "127.0.0.1:7001");
            Eventually.awaitEquals("both before the outage", before, rec::instances);

            etcd.stop();
            Thread.sleep(2 * ttl.toMillis()); // down for twice the TTL, while both clients keep retrying
            assertEquals(before, rec.instances(), "the last known instances stay");
            assertEquals(before, instancer.state().instances());
            assertTrue(rec.all().stream().noneMatch(s -> s.event().isError()), "no error event once etcd was read");

            etcd.restart();
            // Changes made right after the restart reach the instancer (resumed or re-read watch).
            etcd.etcdctl("put", "/services/svc/new", "10.2.2.2:80");
            etcd.etcdctl("del", "/services/svc/static");
            Eventually.awaitEquals("changes after the restart", List.of("10.2.2.2:80", "127.0.0.1:7001"),
                    rec::instances);

            // The registration is back under a live lease (the old one resumed or a new one granted) ...
            Eventually.await("registration alive again", () -> {
                KeyValue kv = raw.get(registrar.key());
                return kv != null && kv.getLease() == registrar.leaseId() && raw.lease(kv.getLease()).getTTL() > 0;
            });
            // ... and kept alive: it outlives several TTLs.
            Thread.sleep(3 * ttl.toMillis());
            KeyValue kv = raw.get(registrar.key());
            assertEquals("127.0.0.1:7001", kv.getValue().toString());
            assertEquals(registrar.leaseId(), kv.getLease());
            assertTrue(raw.lease(kv.getLease()).getTTL() > 0);
            assertEquals(List.of("10.2.2.2:80", "127.0.0.1:7001"), rec.instances());
        }
    }
}
