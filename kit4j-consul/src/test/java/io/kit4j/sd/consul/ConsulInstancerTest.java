package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.sd.DefaultEndpointer;
import io.kit4j.sd.Event;
import io.kit4j.sd.ServiceInstance;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * go-kit's instancer rules against the Consul stand-in (not real Consul: see {@link ConsulStandIn}).
 * Backoff waits go through a {@link RecordingSleeper} and a fixed jitter (0.5 = factor 1), so they are
 * exact; nothing here measures wall-clock durations.
 */
class ConsulInstancerTest {

    private static ConsulRegistry registry(ConsulStandIn consul, Duration wait, RecordingSleeper sleeper) {
        return ConsulRegistry.builder(consul.uri()).wait(wait).sleeper(sleeper).random(() -> 0.5).build();
    }

    /**
     * Waits until the (only) instancer's health query number {@code atLeast} or a later one is blocked in
     * the stand-in, waiting for a change, and returns it.
     */
    private static ConsulStandIn.Recorded awaitBlockedQuery(ConsulStandIn consul, int atLeast) {
        return EventLog.await("a blocking health query", () -> {
            List<ConsulStandIn.Recorded> q = consul.healthQueries();
            if (q.size() < atLeast || consul.blockedQueries() != 1) {
                return null;
            }
            ConsulStandIn.Recorded last = q.get(q.size() - 1);
            return last.param("index") != null && consul.healthQueries().size() == q.size() ? last : null;
        });
    }

    private static ServiceRegistration reg(String id, String address, int port, String... tags) {
        return new ServiceRegistration(id, "users", List.of(tags), address, port, Map.of(), null);
    }

    @Test
    void blockingQueryWakesOnChangeInsteadOfPolling() throws Exception {
        Duration wait = Duration.ofMinutes(1);
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, wait, new RecordingSleeper())) {
            EventLog events = new EventLog();
            ConsulInstancer instancer = registry.instancer("users");
            instancer.register(events);
            ConsulStandIn.Recorded blocked = awaitBlockedQuery(consul, 2);
            assertEquals("1m0s", blocked.param("wait"));
            assertEquals("1", blocked.param("passing"));
            assertNull(consul.healthQueries().get(0).param("index"), "the first read does not block");
            int queriesBefore = consul.healthQueries().size();

            ServiceInstance si = ServiceInstance.of("users", "127.0.0.9", 7001);
            registry.registrar(si).register();
            // EventLog gives up after 30 s, half the 1 min wait: seeing the change proves the blocked
            // query answered on the change, not at the end of its wait.
            events.awaitInstances(si.address());
            int queriesAfter = consul.healthQueries().size();
            assertTrue(queriesAfter - queriesBefore <= 1,
                    "one new blocking query at most (no polling); before " + queriesBefore + ", after " + queriesAfter);
            assertEquals(List.of(Event.of(), Event.of(si.address())), events.events());
        }
    }

    @Test
    void onlyTheFirstTagGoesToConsulTheOthersAreFilteredHere() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), new RecordingSleeper())) {
            ConsulClient c = registry.client();
            c.register(reg("a", "127.0.0.2", 7000, "x", "y"));
            c.register(reg("b", "127.0.0.3", 7000, "x"));
            c.register(reg("c", "127.0.0.4", 7000, "z", "y", "x"));
            c.register(reg("d", "127.0.0.5", 7000, "y"));
            c.register(reg("e", null, 7005, "y", "x")); // no Service.Address: Node.Address
            EventLog events = new EventLog();
            registry.instancer("users", List.of("x", "y"), true).register(events);
            assertEquals(Event.of("127.0.0.1:7005", "127.0.0.2:7000", "127.0.0.4:7000"), events.last());

            c.register(reg("f", "127.0.0.6", 7000, "x"));
            c.register(reg("g", "127.0.0.7", 7000, "x", "y"));
            events.awaitInstances("127.0.0.1:7005", "127.0.0.2:7000", "127.0.0.4:7000", "127.0.0.7:7000");
            for (ConsulStandIn.Recorded q : consul.healthQueries()) {
                assertEquals(List.of("x"), q.query().get("tag"), "one tag param, the first tag: " + q);
            }
        }
    }

    @Test
    void anIndexGoingBackwardsIsResetToZero() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), sleeper)) {
            registry.client().register(reg("a", "127.0.0.2", 7000));
            EventLog events = new EventLog();
            registry.instancer("users").register(events);
            ConsulStandIn.Recorded blocked = awaitBlockedQuery(consul, 2);
            long last = Long.parseLong(blocked.param("index"));
            assertTrue(last > 1);
            int n = consul.healthQueries().size();

            consul.overrideNextIndexes(1); // the blocked query answers at once with index 1 < last
            ConsulStandIn.Recorded next = awaitBlockedQuery(consul, n + 2);
            List<ConsulStandIn.Recorded> q = consul.healthQueries();
            assertNull(q.get(n).param("index"), "after the index went backwards the next query starts from 0");
            assertEquals(last, Long.parseLong(next.param("index")), "then blocks again on the real index");
            assertEquals(RecordingSleeper.millis(10), sleeper.sleeps());
            assertFalse(events.events().stream().anyMatch(Event::isError), "no error event for a reset");
        }
    }

    @Test
    void anIndexOfZeroIsNotSaneAndKeepsTheLastIndex() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), sleeper)) {
            registry.client().register(reg("a", "127.0.0.2", 7000));
            EventLog events = new EventLog();
            registry.instancer("users").register(events);
            ConsulStandIn.Recorded blocked = awaitBlockedQuery(consul, 2);
            int n = consul.healthQueries().size();

            consul.overrideNextIndexes(0, 0); // two answers with index 0: each dropped, backoff grows
            awaitBlockedQuery(consul, n + 2);
            EventLog.awaitTrue("two backoffs", () -> sleeper.sleeps().size() == 2);
            List<ConsulStandIn.Recorded> q = consul.healthQueries();
            for (int i = n; i < q.size(); i++) {
                assertEquals(blocked.param("index"), q.get(i).param("index"), "the last index is kept: " + q.get(i));
            }
            assertEquals(RecordingSleeper.millis(10, 20), sleeper.sleeps());
            assertEquals(List.of(Event.of("127.0.0.2:7000")), events.events());
        }
    }

    @Test
    void errorsBackOffExponentiallyPublishTheErrorAndKeepTheEndpoints() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper().holdAt(2);
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), sleeper)) {
            ConsulClient c = registry.client();
            c.register(reg("a", "127.0.0.2", 7000));
            EventLog events = new EventLog();
            ConsulInstancer instancer = registry.instancer("users");
            instancer.register(events);
            DefaultEndpointer<String, String> endpointer = DefaultEndpointer.create(instancer,
                    instance -> ClosableEndpoint.of((ctx, q) -> instance), Logger.nop());
            awaitBlockedQuery(consul, 2);

            consul.failHealthQueries(5); // the query in flight succeeds; the next five get 500
            c.register(reg("b", "127.0.0.3", 7000));
            // Frozen in the second wait: the error has been published once (after the first wait).
            EventLog.awaitTrue("second backoff", () -> sleeper.sleeps().size() == 2);
            Event error = events.last();
            assertTrue(error.isError(), "error published: " + error);
            assertInstanceOf(ConsulException.class, error.error());
            assertEquals(500, ((ConsulException) error.error()).status());
            assertEquals(2, endpointer.endpoints().size(), "the endpointer keeps the last good set");
            sleeper.release();

            // Recovered: the query after the last failure goes without index, so the set comes back at
            // once (go-kit would block on the old index until a change or the end of the 30 s wait).
            events.awaitInstances("127.0.0.2:7000", "127.0.0.3:7000");
            assertEquals(RecordingSleeper.millis(10, 20, 40, 80, 160), sleeper.sleeps());
            // Queries: 0 first read, 1 blocked (answered with b), 2 fails, 3-6 fail, 7 recovers, 8 blocks.
            awaitBlockedQuery(consul, 9);
            List<ConsulStandIn.Recorded> q = consul.healthQueries();
            assertEquals(q.get(8).param("index"), q.get(2).param("index"));
            for (int i = 3; i <= 7; i++) {
                assertNull(q.get(i).param("index"), "after an error the next query does not block: " + q.get(i));
            }
            // Events: the two sets, the first error (query with index), one event for the four equal errors
            // that followed (queries without index; InstanceCache publishes an equal error once), the set.
            List<Event> seen = events.events();
            assertEquals(5, seen.size(), seen.toString());
            assertEquals(List.of(Event.of("127.0.0.2:7000"), Event.of("127.0.0.2:7000", "127.0.0.3:7000"), error),
                    seen.subList(0, 3));
            assertTrue(seen.get(3).isError() && ((ConsulException) seen.get(3).error()).status() == 500, seen.toString());
            assertEquals(Event.of("127.0.0.2:7000", "127.0.0.3:7000"), seen.get(4));

            // A good answer resets the backoff to 10 ms.
            awaitBlockedQuery(consul, consul.healthQueries().size());
            consul.failHealthQueries(1);
            c.deregister("b");
            events.awaitInstances("127.0.0.2:7000");
            EventLog.awaitTrue("sixth backoff", () -> sleeper.sleeps().size() == 6);
            assertEquals(Duration.ofMillis(10), sleeper.sleeps().get(5));
            endpointer.close();
        }
    }

    @Test
    void aFailedFirstReadPublishesTheErrorThenRecovers() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofSeconds(30), sleeper)) {
            registry.client().register(reg("a", "127.0.0.2", 7000));
            consul.failHealthQueries(1);
            EventLog events = new EventLog();
            registry.instancer("users").register(events);
            assertTrue(events.events().get(0).isError(), "the state at registration is the first read's error");
            events.awaitInstances("127.0.0.2:7000");
            assertEquals(List.of(), sleeper.sleeps(), "go-kit's loop starts with a query, not a wait");
        }
    }

    @Test
    void stopAbortsTheBlockedQuery() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().start();
                ConsulRegistry registry = registry(consul, Duration.ofMinutes(10), new RecordingSleeper())) {
            ConsulInstancer instancer = registry.instancer("users");
            awaitBlockedQuery(consul, 2);
            instancer.stop();
            // 30 s, against a 10 min wait: the query in flight was aborted, not waited out.
            assertTrue(instancer.awaitStopped(EventLog.PATIENCE), "watch thread ended");
            int n = consul.healthQueries().size();
            registry.client().register(reg("a", "127.0.0.2", 7000));
            EventLog events = new EventLog();
            instancer.register(events);
            assertEquals(List.of(Event.of()), events.events(), "a stopped instancer keeps its last state");
            assertEquals(n, consul.healthQueries().size());
            instancer.stop(); // idempotent
        }
    }

    @Test
    void tokenAndDatacenterFromTheUriReachConsul() throws Exception {
        try (ConsulStandIn consul = ConsulStandIn.builder().requireToken("s3cret").start();
                ConsulRegistry registry = ConsulRegistry.open(
                        URI.create(consul.consulUri() + "?token=s3cret&dc=dc1&wait=30s&timeout=5s"), Logger.nop())) {
            registry.registrar(ServiceInstance.of("users", "127.0.0.2", 7000)).register();
            EventLog events = new EventLog();
            registry.instancer("users").register(events);
            events.awaitInstances("127.0.0.2:7000");
            awaitBlockedQuery(consul, 2);
            for (ConsulStandIn.Recorded r : consul.requests()) {
                assertEquals("s3cret", r.token(), r.toString());
            }
            assertEquals("dc1", consul.healthQueries().get(0).param("dc"));
            assertEquals("30s", consul.healthQueries().get(1).param("wait"));
        }
    }
}
