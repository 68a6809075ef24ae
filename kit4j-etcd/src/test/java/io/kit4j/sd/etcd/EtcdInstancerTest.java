package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The instancer against a real etcd, fed by etcdctl in go-kit's key layout and by kit4j registrars. */
class EtcdInstancerTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "instancer");

    @Test
    void seesWhatEtcdctlWritesInGoKitsLayout() throws Exception {
        // What a go-kit service's etcdv3.NewRegistrar writes: key <prefix>/<name>/<id>, value host:port, a lease.
        String lease = etcd.etcdctl("lease", "grant", "60").split(" ")[1];
        etcd.etcdctl("put", "--lease=" + lease, "/services/gokit/a", "10.0.0.1:8080");
        etcd.etcdctl("put", "/services/gokit/b", "10.0.0.2:8080");
        etcd.etcdctl("put", "/services/gokit-other/x", "10.9.9.9:1"); // another service sharing the name's start
        etcd.etcdctl("put", "/services/gokit", "10.9.9.9:2");         // not under the service's directory

        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG)) {
            EtcdInstancer instancer = registry.instancer("gokit");
            assertEquals("/services/gokit/", instancer.keyPrefix());
            Recorder rec = new Recorder();
            instancer.register(rec);
            assertEquals(List.of("10.0.0.1:8080", "10.0.0.2:8080"), rec.instances(), "current state at once");

            etcd.etcdctl("put", "/services/gokit/c", "10.0.0.0:9090");
            Eventually.awaitEquals("new key seen", List.of("10.0.0.0:9090", "10.0.0.1:8080", "10.0.0.2:8080"),
                    rec::instances);
            etcd.etcdctl("put", "/services/gokit/b", "10.0.0.3:8080");
            Eventually.awaitEquals("changed value seen", List.of("10.0.0.0:9090", "10.0.0.1:8080", "10.0.0.3:8080"),
                    rec::instances);
            etcd.etcdctl("put", "/services/gokit/d", "10.0.0.3:8080"); // the same address twice: one instance
            etcd.etcdctl("del", "/services/gokit/b");                   // one copy left
            etcd.etcdctl("lease", "revoke", lease);                     // takes key a with it
            Eventually.awaitEquals("lease revoked", List.of("10.0.0.0:9090", "10.0.0.3:8080"), rec::instances);
            etcd.etcdctl("del", "/services/gokit/d");
            Eventually.awaitEquals("last copy gone", List.of("10.0.0.0:9090"), rec::instances);

            for (Recorder.Seen s : rec.all().subList(1, rec.all().size())) {
                assertTrue(s.thread().startsWith("kit4j-etcd-instancer"), "listener ran on " + s.thread());
            }
            assertTrue(rec.all().stream().noneMatch(s -> s.event().isError()));
        } finally {
            etcd.etcdctl("del", "--prefix", "/services/gokit");
        }
    }

    @Test
    void followsRegistrarsInAndOut() throws Exception {
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG)) {
            EtcdInstancer instancer = registry.instancer("echo");
            Recorder rec = new Recorder();
            instancer.register(rec);
            assertEquals(List.of(), rec.instances());

            Registrar one = registry.registrar(ServiceInstance.of("echo", "127.0.0.1", 9001));
            Registrar two = registry.registrar(ServiceInstance.of("echo", "127.0.0.1", 9002));
            one.register();
            two.register();
            Eventually.awaitEquals("both", List.of("127.0.0.1:9001", "127.0.0.1:9002"), rec::instances);
            one.deregister();
            Eventually.awaitEquals("one left", List.of("127.0.0.1:9002"), rec::instances);

            Recorder late = new Recorder();
            instancer.register(late);
            assertEquals(List.of("127.0.0.1:9002"), late.instances());
            instancer.deregister(late);
            two.deregister();
            Eventually.awaitEquals("none", List.of(), rec::instances);
            assertEquals(List.of("127.0.0.1:9002"), late.instances(), "a deregistered listener hears nothing");
        }
    }

    @Test
    void stopEndsTheWatch() throws Exception {
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()), LOG)) {
            EtcdInstancer instancer = registry.instancer("stopped");
            Recorder rec = new Recorder();
            instancer.register(rec);
            etcd.etcdctl("put", "/services/stopped/a", "10.0.0.1:1");
            Eventually.awaitEquals("watching", List.of("10.0.0.1:1"), rec::instances);
            instancer.stop();
            instancer.stop();
            etcd.etcdctl("put", "/services/stopped/b", "10.0.0.2:1");
            // A control instancer sees the put; the stopped one must not have moved by then.
            EtcdInstancer control = registry.instancer("stopped");
            assertEquals(List.of("10.0.0.1:1", "10.0.0.2:1"), control.state().instances());
            Thread.sleep(500);
            assertEquals(List.of("10.0.0.1:1"), rec.instances());
            assertEquals(2, rec.all().size(), "the state at registration and the put before stop, nothing after");
        } finally {
            etcd.etcdctl("del", "--prefix", "/services/stopped/");
        }
    }

    @Test
    void anUnreachableEtcdGivesAnErrorEventAndRegistrationFailsQuietly() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            deadPort = s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EtcdConfig config = EtcdConfig.of("127.0.0.1:" + deadPort).withTimeout(Duration.ofSeconds(2));
        try (EtcdRegistry registry = EtcdRegistry.open(config, LOG)) {
            EtcdRegistrar r = registry.registrar(ServiceInstance.of("nowhere", "127.0.0.1", 9003));
            r.register(); // logs, does not throw; keeps trying in the background
            assertEquals(0, r.leaseId());
            EtcdInstancer instancer = registry.instancer("nowhere");
            Event state = instancer.state();
            assertTrue(state.isError(), "never read: an error event, got " + state);
            assertFalse(state.error().getMessage() == null || state.error().getMessage().isEmpty());
        }
    }
}
