package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.CatalogEvent;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The catalog (blocking {@code /v1/catalog/services} queries) against the Consul stand-in (not real
 * Consul: see {@link ConsulStandIn}). Backoff waits go through a {@link RecordingSleeper}.
 */
class ConsulCatalogTest {

    /** A catalog listener keeping every event. */
    static final class Names implements Consumer<CatalogEvent> {
        final CopyOnWriteArrayList<CatalogEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void accept(CatalogEvent e) {
            events.add(e);
        }

        CatalogEvent last() {
            return events.isEmpty() ? null : events.get(events.size() - 1);
        }

        void awaitNames(String... names) {
            List<String> want = List.of(names);
            EventLog.awaitTrue("names " + want + ", last " + last(),
                    () -> last() != null && !last().isError() && last().services().equals(want));
        }
    }

    private static ConsulRegistry registry(ConsulStandIn consul, Duration wait, RecordingSleeper sleeper) {
        return ConsulRegistry.builder(consul.uri()).wait(wait).sleeper(sleeper).random(() -> 0.5).build();
    }

    @Test
    void theClientReadsTheCatalogAsConsulWritesIt() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulClient client = new ConsulClient(consul.uri(), null, null, Duration.ofSeconds(10))) {
            client.register(new ServiceRegistration("a1", "svc-a", List.of("v1"), null, 9001, Map.of(), null));
            client.register(new ServiceRegistration("a2", "svc-a", List.of("blue"), null, 9002, Map.of(), null));
            ServicesResult r = client.services(0, Duration.ofSeconds(1));
            assertEquals(Map.of("consul", List.of(), "svc-a", List.of("blue", "v1")), r.services());
            assertTrue(r.index() > 1);
            ConsulException bad = org.junit.jupiter.api.Assertions.assertThrows(ConsulException.class,
                    () -> new ConsulClient(consul.uri(), null, "elsewhere", Duration.ofSeconds(10)).services(0,
                            Duration.ofSeconds(1)));
            assertEquals(500, bad.status());
        }
    }

    @Test
    void listsTheServicesAndFollowsThemWithBlockingQueries() throws Exception {
        Duration wait = Duration.ofMinutes(1);
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry services = registry(consul, wait, new RecordingSleeper());
                ConsulRegistry gateway = registry(consul, wait, new RecordingSleeper())) {
            ConsulCatalog catalog = gateway.catalog();
            Names names = new Names();
            catalog.register(names);
            assertEquals(List.of(CatalogEvent.of()), names.events, "consul itself is left out: no names, at once");
            EventLog.awaitTrue("a blocked catalog query", () -> consul.blockedQueries() == 1);
            assertNull(consul.catalogQueries().get(0).param("index"), "the first read does not block");
            assertEquals("1m0s", consul.catalogQueries().get(1).param("wait"));

            Registrar a1 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9001));
            Registrar a2 = services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9002));
            Registrar b = services.registrar(ServiceInstance.of("svc-b", "127.0.0.1", 9003));
            a1.register();
            a2.register();
            b.register();
            // 30 s of patience against a 1 min wait: seeing the names proves the blocked query woke on the change.
            names.awaitNames("svc-a", "svc-b");

            a1.deregister();
            a2.deregister();
            names.awaitNames("svc-b");
            Names late = new Names();
            catalog.register(late);
            assertEquals(List.of(CatalogEvent.of("svc-b")), late.events, "a new listener gets the names at once");
            assertTrue(names.events.stream().noneMatch(CatalogEvent::isError), names.events.toString());

            catalog.close();
            assertTrue(catalog.isClosed());
            assertTrue(catalog.awaitClosed(EventLog.PATIENCE), "the watch thread ended");
            int seen = names.events.size();
            a1.register();
            assertEquals(CatalogEvent.of("svc-a", "svc-b"), gateway.catalog().state());
            assertEquals(seen, names.events.size(), "a closed catalog publishes nothing more");
        }
    }

    @Test
    void aServiceIsListedWhateverItsHealthUntilItIsReaped() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().reapInterval(Duration.ofMillis(100))
                .minDeregisterCriticalAfter(Duration.ofMillis(500)).start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), new RecordingSleeper())) {
            // Nothing listens on port 1: the check stays critical, the instancer lists no instance.
            registry.registrar(ServiceInstance.of("sick", "127.0.0.1", 1).withHealthCheck(
                    new HealthCheck("/health", Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500))))
                    .register();
            Names names = new Names();
            registry.catalog().register(names);
            assertEquals(List.of(CatalogEvent.of("sick")), names.events);
            assertEquals(List.of(), registry.instancer("sick").state().instances());
            names.awaitNames();
        }
    }

    @Test
    void failedQueriesAreErrorsAndTheWatchRecovers() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), sleeper)) {
            registry.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 9001)).register();
            consul.failCatalogQueries(3);
            Names names = new Names();
            ConsulCatalog catalog = registry.catalog();
            catalog.register(names);
            assertTrue(names.events.get(0).isError(), "the first read failed: " + names.events);
            names.awaitNames("svc-a");
            assertEquals(RecordingSleeper.millis(10, 20), sleeper.sleeps(), "go-kit's backoff between failures");
            assertEquals(2, names.events.size(), "one error (repeats are no change), then the names: " + names.events);
            assertTrue(consul.catalogQueries().subList(0, 4).stream().allMatch(q -> q.param("index") == null),
                    "no index until a query succeeded");

            EventLog.awaitTrue("a blocked catalog query", () -> consul.blockedQueries() == 1);
            consul.failCatalogQueries(1);
            registry.registrar(ServiceInstance.of("svc-b", "127.0.0.1", 9002)).register();
            EventLog.awaitTrue("the failed query after the change is an error",
                    () -> names.events.stream().filter(CatalogEvent::isError).count() == 2);
            names.awaitNames("svc-a", "svc-b");
            assertEquals(RecordingSleeper.millis(10, 20, 10), sleeper.sleeps(), "a good answer reset the backoff");
        }
    }
}
