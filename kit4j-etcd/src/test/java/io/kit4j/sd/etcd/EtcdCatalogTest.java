package io.kit4j.sd.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.CatalogEvent;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog (service names under the key prefix) against a real etcd, fed by registrars and by etcdctl. */
class EtcdCatalogTest {
    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Logger LOG = Logger.logfmt(System.err).with("test", "catalog");

    /** A catalog listener remembering every event. */
    static final class Names implements Consumer<CatalogEvent> {
        private final List<CatalogEvent> events = new ArrayList<>();

        @Override
        public synchronized void accept(CatalogEvent e) {
            events.add(e);
        }

        synchronized List<CatalogEvent> events() {
            return List.copyOf(events);
        }

        /** The names of the last event; null before any event or after an error event. */
        synchronized List<String> last() {
            CatalogEvent e = events.isEmpty() ? null : events.getLast();
            return e == null || e.isError() ? null : e.services();
        }
    }

    @Test
    void listsTheServicesWithInstancesAndFollowsThemInAndOut() throws Exception {
        EtcdConfig config = EtcdConfig.of(etcd.endpoint()).withPrefix("/cat1");
        try (EtcdRegistry services = EtcdRegistry.open(config, LOG); EtcdRegistry gateway = EtcdRegistry.open(config, LOG)) {
            EtcdCatalog catalog = gateway.catalog();
            assertEquals("/cat1/", catalog.keyPrefix());
            Names names = new Names();
            catalog.register(names);
            assertEquals(List.of(CatalogEvent.of()), names.events(), "nothing registered: no names, at once");

            Registrar a1 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9001));
            Registrar a2 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9002));
            Registrar b = services.registrar(ServiceInstance.of("svc-b", "127.0.0.1", 9003));
            a1.register();
            a2.register();
            b.register();
            Eventually.awaitEquals("both services", List.of("svc-a", "svc-b"), names::last);

            a1.deregister();
            Thread.sleep(300);
            assertEquals(List.of("svc-a", "svc-b"), names.last(), "svc-a keeps one instance");
            a2.deregister();
            Eventually.awaitEquals("svc-a left with its last instance", List.of("svc-b"), names::last);

            Names late = new Names();
            catalog.register(late);
            assertEquals(List.of(CatalogEvent.of("svc-b")), late.events(), "a new listener gets the names at once");
            assertTrue(names.events().stream().noneMatch(CatalogEvent::isError));

            catalog.close();
            catalog.close();
            int seen = names.events().size();
            a1.register();
            EtcdCatalog control = gateway.catalog();
            assertEquals(CatalogEvent.of("svc-a", "svc-b"), control.state());
            Thread.sleep(300);
            assertEquals(seen, names.events().size(), "a closed catalog publishes nothing more");
        }
    }

    @Test
    void namesFollowGoKitsKeyLayout() throws Exception {
        etcd.etcdctl("put", "/cat2/gokit/a", "10.0.0.1:8080");          // go-kit's <prefix>/<service>/<id>
        etcd.etcdctl("put", "/cat2/gokit/deeper/b", "10.0.0.2:8080");   // the instancer of gokit reads it too
        etcd.etcdctl("put", "/cat2/bare", "10.9.9.9:1");                // not under a service's directory
        etcd.etcdctl("put", "/cat2/empty/x", "");                       // an empty value is no instance
        etcd.etcdctl("put", "/cat2-other/svc/x", "10.9.9.9:2");         // another prefix sharing the start
        try (EtcdRegistry registry = EtcdRegistry.open(EtcdConfig.of(etcd.endpoint()).withPrefix("/cat2"), LOG)) {
            Names names = new Names();
            registry.catalog().register(names);
            assertEquals(List.of(CatalogEvent.of("gokit")), names.events());

            etcd.etcdctl("put", "/cat2/empty/x", "10.0.0.3:80");
            Eventually.awaitEquals("a value makes an instance", List.of("empty", "gokit"), names::last);
            String lease = etcd.etcdctl("lease", "grant", "60").split(" ")[1];
            etcd.etcdctl("put", "--lease=" + lease, "/cat2/leased/x", "10.0.0.4:80");
            Eventually.awaitEquals("a leased key", List.of("empty", "gokit", "leased"), names::last);
            etcd.etcdctl("lease", "revoke", lease);
            Eventually.awaitEquals("the revoked lease takes the service with it", List.of("empty", "gokit"), names::last);
        } finally {
            etcd.etcdctl("del", "--prefix", "/cat2");
        }
    }

    @Test
    void theWatchSurvivesAnEtcdRestart() throws Exception {
        EtcdConfig config = EtcdConfig.of(etcd.endpoint()).withPrefix("/cat3").withTtl(Duration.ofSeconds(2))
                .withTimeout(Duration.ofSeconds(2));
        try (EtcdRegistry services = EtcdRegistry.open(config, LOG); EtcdRegistry gateway = EtcdRegistry.open(config, LOG)) {
            services.registrar(ServiceInstance.of("steady", "127.0.0.1", 7001)).register();
            Names names = new Names();
            gateway.catalog().register(names);
            Eventually.awaitEquals("before the outage", List.of("steady"), names::last);

            etcd.stop();
            Thread.sleep(1000);
            assertEquals(List.of("steady"), names.last(), "the last names stay while etcd is away");
            etcd.restart();
            etcd.etcdctl("put", "/cat3/newcomer/x", "10.0.0.1:80");
            Eventually.awaitEquals("a change after the restart arrives", List.of("newcomer", "steady"), names::last);
            assertTrue(names.events().stream().noneMatch(CatalogEvent::isError), names.events().toString());
        }
    }
}
