package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registrar against a real etcd: what it writes, its lease, keep-alive, deregistration, lease loss. */
class EtcdRegistrarTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "registrar");

    private EtcdRegistry open(Duration ttl) {
        return EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()).withTtl(ttl), LOG);
    }

    @Test
    void writesTheAddressAsGoKitDoesUnderALeaseOfTheTtl() throws Exception {
        try (EtcdRegistry registry = open(Duration.ofSeconds(7)); Raw raw = new Raw(etcd)) {
            EtcdRegistrar r = registry.registrar(ServiceInstance.of("users", "127.0.0.1", 8080).withId("users-1"));
            assertEquals("/services/users/users-1", r.key());
            r.register();

            KeyValue kv = raw.get("/services/users/users-1");
            assertEquals("127.0.0.1:8080", raw.value("/services/users/users-1"));
            assertNotEquals(0, kv.getLease());
            assertEquals(r.leaseId(), kv.getLease());
            LeaseTimeToLiveResponse lease = raw.lease(kv.getLease());
            assertEquals(7, lease.getGrantedTTL());
            assertTrue(lease.getTTL() > 0 && lease.getTTL() <= 7, "ttl left " + lease.getTTL());
            // etcdctl sees the same thing
            String out = etcd.etcdctl("get", "/services/users/users-1");
            assertEquals("/services/users/users-1\n127.0.0.1:8080\n", out);
            String ttl = etcd.etcdctl("lease", "timetolive", Long.toHexString(kv.getLease()));
            assertTrue(ttl.contains("granted with TTL(7s)"), ttl);
        }
    }

    @Test
    void keepAliveHoldsTheKeyLongPastItsTtl() throws Exception {
        try (EtcdRegistry registry = open(Duration.ofSeconds(3)); Raw raw = new Raw(etcd)) {
            EtcdRegistrar r = registry.registrar(ServiceInstance.of("kept", "127.0.0.1", 8081));
            r.register();
            long lease = raw.get(r.key()).getLease();
            Thread.sleep(2 * 3000); // two TTLs: without keep-alives (every TTL/3) the key would be gone
            KeyValue kv = raw.get(r.key());
            assertEquals("127.0.0.1:8081", kv.getValue().toString());
            assertEquals(lease, kv.getLease(), "the same lease, kept alive");
            assertTrue(raw.lease(lease).getTTL() > 0);
        }
    }

    @Test
    void deregisterRevokesTheLeaseSoTheKeyGoes() throws Exception {
        EtcdRegistry registry = open(Duration.ofSeconds(10));
        try (Raw raw = new Raw(etcd)) {
            EtcdRegistrar r = registry.registrar(ServiceInstance.of("gone", "127.0.0.1", 8082));
            r.register();
            long lease = r.leaseId();
            assertEquals("127.0.0.1:8082", raw.value(r.key()));

            r.deregister();
            assertNull(raw.get(r.key()));
            assertEquals(-1, raw.lease(lease).getTTL(), "lease revoked");
            assertEquals(0, r.leaseId());
            r.deregister(); // a second time does nothing

            r.register(); // and it can come back, with a new lease
            assertEquals("127.0.0.1:8082", raw.value(r.key()));
            assertNotEquals(lease, r.leaseId());
            long second = r.leaseId();

            registry.close(); // closing the registry deregisters what is still registered
            assertNull(raw.get(r.key()));
            assertEquals(-1, raw.lease(second).getTTL());
            assertThrows(IllegalStateException.class, r::register, "a closed registry registers nothing");
            assertThrows(IllegalStateException.class, () -> registry.instancer("gone"));
        } finally {
            registry.close();
        }
    }

    @Test
    void aRevokedLeaseIsReplacedByANewRegistration() throws Exception {
        try (EtcdRegistry registry = open(Duration.ofSeconds(3)); Raw raw = new Raw(etcd)) {
            EtcdRegistrar r = registry.registrar(ServiceInstance.of("phoenix", "127.0.0.1", 8083));
            r.register();
            long first = raw.get(r.key()).getLease();

            etcd.etcdctl("lease", "revoke", Long.toHexString(first)); // from outside: key deleted with it

            Eventually.await("registered again under a new lease", () -> {
                KeyValue kv = raw.get(r.key());
                // leaseId() is set once the put has returned: wait for it too (the key is visible before).
                return kv != null && kv.getLease() != first && kv.getLease() == r.leaseId()
                        && raw.lease(kv.getLease()).getTTL() > 0;
            });
            KeyValue kv = raw.get(r.key());
            assertEquals("127.0.0.1:8083", kv.getValue().toString());
            assertEquals(kv.getLease(), r.leaseId());
            assertEquals(3, raw.lease(kv.getLease()).getGrantedTTL());
        }
    }

    @Test
    void registriesOpenFindsTheEtcdModuleThroughServiceLoader() throws Exception {
        try (Registry registry = Registries.open("etcd://" + etcd.endpoint() + "?prefix=/kit4j-test&ttl=3s", LOG);
                Raw raw = new Raw(etcd)) {
            EtcdRegistry etcdRegistry = assertInstanceOf(EtcdRegistry.class, registry);
            assertEquals("/kit4j-test", etcdRegistry.config().prefix());
            Registrar r = registry.registrar(ServiceInstance.of("opened", "10.0.0.5", 9000).withId("o1"));
            r.register();
            KeyValue kv = raw.get("/kit4j-test/opened/o1");
            assertEquals("10.0.0.5:9000", kv.getValue().toString());
            assertEquals(3, raw.lease(kv.getLease()).getGrantedTTL());
            r.deregister();
            assertNull(raw.get("/kit4j-test/opened/o1"));
        }
    }
}
