package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry against a real ZooKeeper server in this JVM ({@link EmbeddedZooKeeper}). */
class ZooKeeperRegistryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedZooKeeper zk;

    @BeforeAll
    static void startServer() {
        zk = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopServer() {
        zk.close();
    }

    @Test
    void registrationIsAnEphemeralNodeWithCuratorsJson() throws Exception {
        ServiceInstance instance = ServiceInstance.of("users", "127.0.0.1", 8080)
                .withTags(List.of("blue", "v2"))
                .withMetadata(Map.of("version", "1.2", "zone", "a"))
                .withHealthCheck(HealthCheck.http("/health").withInterval(Duration.ofSeconds(5)));
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            long before = System.currentTimeMillis();
            registry.registrar(instance).register();
            CuratorFramework c = registry.curator();
            String path = "/services/users/users-127.0.0.1-8080";
            Stat stat = c.checkExists().forPath(path);
            assertNotNull(stat, "the instance node exists right after register()");
            assertEquals(Sessions.id(c), stat.getEphemeralOwner(), "the node is ephemeral, owned by the registry's session");

            JsonNode node = JSON.readTree(c.getData().forPath(path));
            assertEquals(List.of("name", "id", "address", "port", "sslPort", "payload", "registrationTimeUTC",
                    "serviceType", "uriSpec"), fieldNames(node));
            assertEquals("users", node.get("name").asText());
            assertEquals("users-127.0.0.1-8080", node.get("id").asText());
            assertEquals("127.0.0.1", node.get("address").asText());
            assertEquals(8080, node.get("port").asInt());
            assertTrue(node.get("sslPort").isNull());
            assertTrue(node.get("uriSpec").isNull());
            assertEquals("DYNAMIC", node.get("serviceType").asText());
            long at = node.get("registrationTimeUTC").asLong();
            assertTrue(at >= before && at <= System.currentTimeMillis(), "registrationTimeUTC is the registration time: " + at);
            JsonNode payload = node.get("payload");
            assertEquals(ZooKeeperOptions.DEFAULT_PAYLOAD_CLASS, payload.get("@class").asText());
            assertEquals("users-127.0.0.1-8080", payload.get("id").asText());
            assertEquals("users", payload.get("name").asText());
            assertEquals(JSON.readTree("{\"version\":\"1.2\",\"zone\":\"a\"}"), payload.get("metadata"));
            assertEquals(JSON.readTree("[\"blue\",\"v2\"]"), payload.get("tags"));
            assertEquals(JSON.readTree("{\"path\":\"/health\",\"interval\":\"5s\",\"timeout\":\"1s\","
                    + "\"deregisterCriticalAfter\":\"1m0s\"}"), payload.get("healthCheck"));
        }
    }

    @Test
    void deregistrationDeletesTheNodeAndTheInstancerFollows() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            Instancer instancer = registry.instancer("orders");
            Recorder events = new Recorder();
            instancer.register(events);
            assertEquals(List.of(Event.of()), events.events(), "an unknown service is the empty set at once");

            Registrar b = registry.registrar(ServiceInstance.of("orders", "127.0.0.2", 9000));
            Registrar a = registry.registrar(ServiceInstance.of("orders", "127.0.0.1", 9001));
            b.register();
            a.register();
            Await.until("both instances, sorted", () -> events.lastIs(List.of("127.0.0.1:9001", "127.0.0.2:9000")), events::toString);

            b.deregister();
            assertNull(registry.curator().checkExists().forPath("/services/orders/orders-127.0.0.2-9000"));
            Await.until("one instance left", () -> events.lastIs(List.of("127.0.0.1:9001")), events::toString);
            b.deregister(); // idempotent: nothing to delete, nothing thrown

            a.close();
            Await.until("no instance left", () -> events.lastIs(List.of()), events::toString);
            assertTrue(events.events().stream().noneMatch(Event::isError), "no error on the way: " + events);

            Recorder late = new Recorder();
            instancer.register(late);
            assertEquals(List.of(Event.of()), late.events(), "a new listener gets the current state at once");
        }
    }

    @Test
    void registeringAgainLeavesTheNodeOfThisSessionInPlace() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop());
                ZooKeeperRegistry watcher = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            Recorder events = new Recorder();
            watcher.instancer("steady").register(events);
            Registrar r = registry.registrar(ServiceInstance.of("steady", "127.0.0.1", 3000));
            r.register();
            String path = "/services/steady/steady-127.0.0.1-3000";
            Stat first = registry.curator().checkExists().forPath(path);
            Await.until("the watcher sees the instance", () -> events.lastIs(List.of("127.0.0.1:3000")), events::toString);

            r.register();
            Stat second = registry.curator().checkExists().forPath(path);
            assertEquals(first.getCzxid(), second.getCzxid(), "the same node, not deleted and created again");

            registry.registrar(ServiceInstance.of("steady", "127.0.0.1", 3000).withMetadata(Map.of("v", "2"))).register();
            Stat third = registry.curator().checkExists().forPath(path);
            assertEquals(first.getCzxid(), third.getCzxid(), "new data is written in place");
            assertEquals(first.getVersion() + 1, third.getVersion());
            assertEquals("2", JSON.readTree(registry.curator().getData().forPath(path)).get("payload").get("metadata")
                    .get("v").asText());
            Await.sleep(200);
            assertEquals(List.of(Event.of(), Event.of("127.0.0.1:3000")), events.events(), "the instance never left");
        }
    }

    @Test
    void anInstancerStartedAfterRegistrationHasTheSetBeforeItReturns() throws Exception {
        try (ZooKeeperRegistry server = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop());
                ZooKeeperRegistry client = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            server.registrar(ServiceInstance.of("early", "10.0.0.2", 80)).register();
            server.registrar(ServiceInstance.of("early", "10.0.0.1", 80)).register();
            server.registrar(ServiceInstance.of("early", "::1", 81)).register();
            Recorder events = new Recorder();
            client.instancer("early").register(events);
            assertEquals(List.of(Event.of("10.0.0.1:80", "10.0.0.2:80", "[::1]:81")), events.events());
        }
    }

    @Test
    void closingTheRegistryDeregistersAndStopsItsInstancers() throws Exception {
        try (ZooKeeperRegistry watcher = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            Recorder events = new Recorder();
            watcher.instancer("closing").register(events);
            ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop());
            Recorder own = new Recorder();
            registry.instancer("closing").register(own);
            registry.registrar(ServiceInstance.of("closing", "127.0.0.1", 7000)).register();
            Await.until("the watcher sees the instance", () -> events.lastIs(List.of("127.0.0.1:7000")), events::toString);
            Await.until("the registry's own instancer sees it", () -> own.lastIs(List.of("127.0.0.1:7000")), own::toString);
            int ownEvents = own.events().size();

            registry.close();
            registry.close(); // idempotent
            Await.until("the instance is gone", () -> events.lastIs(List.of()), events::toString);
            assertEquals(ownEvents, own.events().size(), "a stopped instancer publishes nothing more: " + own);
            assertThrows(IllegalStateException.class, () -> registry.instancer("closing"));
            assertThrows(IllegalStateException.class, () -> registry.registrar(ServiceInstance.of("closing", "h", 1)));
        }
    }

    @Test
    void aStoppedInstancerPublishesNothingMore() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            Instancer instancer = registry.instancer("stopping");
            Recorder events = new Recorder();
            instancer.register(events);
            instancer.stop();
            instancer.stop();
            registry.registrar(ServiceInstance.of("stopping", "127.0.0.1", 1)).register();
            Recorder watcher = new Recorder();
            registry.instancer("stopping").register(watcher);
            assertEquals(List.of(Event.of("127.0.0.1:1")), watcher.events());
            assertEquals(List.of(Event.of()), events.events());
        }
    }

    @Test
    void reRegistersAfterTheSessionExpires() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), logger);
                ZooKeeperRegistry watcher = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            registry.registrar(ServiceInstance.of("phoenix", "127.0.0.1", 6000)).register();
            Recorder own = new Recorder();
            registry.instancer("phoenix").register(own);
            Recorder seen = new Recorder();
            watcher.instancer("phoenix").register(seen);
            assertEquals(List.of(Event.of("127.0.0.1:6000")), own.events());
            CuratorFramework c = registry.curator();
            String path = "/services/phoenix/phoenix-127.0.0.1-6000";
            long oldSession = Sessions.id(c);
            assertEquals(oldSession, c.checkExists().forPath(path).getEphemeralOwner());

            Sessions.expire(c, zk.connectString());

            Await.until("the watcher sees the instance go with the expired session", () -> seen.lastIs(List.of()), seen::toString);
            Await.until("the instance is registered again by a new session", () -> {
                try {
                    Stat s = watcher.curator().checkExists().forPath(path);
                    return s != null && s.getEphemeralOwner() != oldSession;
                } catch (Exception e) {
                    return false;
                }
            });
            assertNotEquals(oldSession, Sessions.id(c));
            Await.until("the watcher sees it again", () -> seen.lastIs(List.of("127.0.0.1:6000")), seen::toString);
            Await.until("the registry's own instancer recovers with the set", () -> own.lastIs(List.of("127.0.0.1:6000")), own::toString);
            assertTrue(own.events().stream().anyMatch(Event::isError), "the lost session was an error event: " + own);
            String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("zk=lost"), text);
            assertTrue(text.contains("zk=reconnected"), text);
        }
    }

    @Test
    void whatIsDoneWhileZooKeeperIsDownHappensWhenItIsBack() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(new PrintStream(log, true, StandardCharsets.UTF_8));
        EmbeddedZooKeeper own = EmbeddedZooKeeper.start();
        int port = own.port();
        ZooKeeperOptions options = ZooKeeperOptions.of(own.connectString()).withSessionTimeout(Duration.ofSeconds(4))
                .withConnectionTimeout(Duration.ofSeconds(1));
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(options, logger)) {
            own.close();
            Registrar r = registry.registrar(ServiceInstance.of("late", "127.0.0.1", 4000));
            r.register(); // fails now: logged, not thrown
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("action=register err="), log.toString(StandardCharsets.UTF_8));
            Recorder events = new Recorder();
            registry.instancer("late").register(events);
            assertTrue(events.lastIsError(), "an instancer that could not read yet starts with an error: " + events);

            own = EmbeddedZooKeeper.start(port); // a new, empty server on the same port
            Await.until("the instance is registered and read once ZooKeeper is back",
                    () -> events.lastIs(List.of("127.0.0.1:4000")), events::toString);
        } finally {
            own.close();
        }
    }

    @Test
    void registriesOpenFindsTheModuleThroughServiceLoader() throws Exception {
        try (Registry registry = Registries.open(zk.uri() + "?basePath=/kit4j/svc&sessionTimeout=6s&connectionTimeout=3s",
                Logger.nop())) {
            ZooKeeperRegistry r = assertInstanceOf(ZooKeeperRegistry.class, registry);
            assertEquals("/kit4j/svc", r.options().basePath());
            registry.registrar(ServiceInstance.of("viaspi", "127.0.0.1", 5000)).register();
            assertNotNull(r.curator().checkExists().forPath("/kit4j/svc/viaspi/viaspi-127.0.0.1-5000"));
            assertEquals(6000, r.curator().getZookeeperClient().getZooKeeper().getSessionTimeout(),
                    "the server granted the session timeout asked for");
            Recorder events = new Recorder();
            registry.instancer("viaspi").register(events);
            assertEquals(List.of(Event.of("127.0.0.1:5000")), events.events());
        }
    }

    @Test
    void openingFailsClearlyWhenNoServerAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Registries.open("zk://127.0.0.1:" + port + "?connectionTimeout=1s", Logger.nop()));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos(), "it does not hang");
    }

    @Test
    void namesThatAreNotNodeNamesAreRefused() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            assertThrows(IllegalArgumentException.class, () -> registry.instancer("a/b"));
            assertThrows(IllegalArgumentException.class, () -> registry.instancer(".."));
            assertThrows(IllegalArgumentException.class,
                    () -> registry.registrar(ServiceInstance.of("svc", "h", 1).withId("x/y")));
        }
    }

    @Test
    void nodesThatAreNotInstancesAreLeftOut() throws Exception {
        try (ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop())) {
            CuratorFramework c = registry.curator();
            c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath("/services/mixed/garbage", "not json".getBytes(StandardCharsets.UTF_8));
            c.create().withMode(CreateMode.EPHEMERAL).forPath("/services/mixed/noport",
                    "{\"name\":\"mixed\",\"id\":\"noport\",\"address\":\"10.0.0.9\",\"port\":null,\"sslPort\":8443}"
                            .getBytes(StandardCharsets.UTF_8));
            c.create().withMode(CreateMode.EPHEMERAL).forPath("/services/mixed/disabled",
                    "{\"name\":\"mixed\",\"id\":\"disabled\",\"address\":\"10.0.0.8\",\"port\":80,\"enabled\":false}"
                            .getBytes(StandardCharsets.UTF_8));
            registry.registrar(ServiceInstance.of("mixed", "10.0.0.1", 80)).register();
            Recorder events = new Recorder();
            registry.instancer("mixed").register(events);
            assertEquals(List.of(Event.of("10.0.0.1:80")), events.events());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
