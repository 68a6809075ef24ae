package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.sd.ClosableEndpoint;
import io.kit4j.sd.DefaultEndpointer;
import io.kit4j.sd.Event;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.ServiceInstance;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry against Debian's ZooKeeper server ({@code zookeeperd}, 3.8) in its own process: what other
 * clients see in ZooKeeper, a service process killed with SIGKILL, and the server itself killed and
 * started again (its data wiped) while registries run.
 */
class DebianZooKeeperTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration SESSION = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    @Test
    void registrationIsVisibleInZooKeeperAndDeregistrationRemovesIt() throws Exception {
        try (DebianZooKeeper server = DebianZooKeeper.start(dir);
                ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(server.connectString()), Logger.nop())) {
            Registrar r = registry.registrar(ServiceInstance.of("payments", "127.0.0.1", 8443));
            r.register();
            ZooKeeper plain = new ZooKeeper(server.connectString(), 10_000, e -> { });
            try {
                String path = "/services/payments/payments-127.0.0.1-8443";
                Await.until("a plain ZooKeeper client connects", () -> plain.getState().isConnected());
                Stat stat = new Stat();
                JsonNode node = JSON.readTree(plain.getData(path, false, stat));
                assertEquals(Sessions.id(registry.curator()), stat.getEphemeralOwner(), "ephemeral, the registry's session");
                assertEquals("payments", node.get("name").asText());
                assertEquals("127.0.0.1", node.get("address").asText());
                assertEquals(8443, node.get("port").asInt());
                assertEquals("DYNAMIC", node.get("serviceType").asText());
                assertEquals("payments", node.get("payload").get("name").asText());
                assertEquals(List.of("payments-127.0.0.1-8443"), plain.getChildren("/services/payments", false));

                r.deregister();
                assertNull(plain.exists(path, false));
            } finally {
                plain.close();
            }
        }
    }

    @Test
    void theInstanceOfAProcessKilledWithSigkillGoesWhenItsSessionTimesOut() throws Exception {
        try (DebianZooKeeper server = DebianZooKeeper.start(dir);
                ZooKeeperRegistry registry = ZooKeeperRegistry.open(ZooKeeperOptions.of(server.connectString()), Logger.nop())) {
            registry.registrar(ServiceInstance.of("victim", "127.0.0.1", 9001)).register();
            Recorder events = new Recorder();
            Instancer instancer = registry.instancer("victim");
            instancer.register(events);

            Process child = startRegisteringProcess(server.connectString(), "victim", "127.0.0.1", 9002);
            try {
                Await.until("the other process's instance appears",
                        () -> events.lastIs(List.of("127.0.0.1:9001", "127.0.0.1:9002")), events::toString);

                child.destroyForcibly(); // SIGKILL: no deregistration, no session close
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the process died");
                long killed = System.nanoTime();
                Await.until("the killed process's instance goes", () -> events.lastIs(List.of("127.0.0.1:9001")), events::toString);
                long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                System.out.println("kit4j-zookeeper: kill -9 -> instance removed after " + detectedMs
                        + " ms (session timeout " + SESSION.toMillis() + " ms, Debian ZooKeeper, tickTime 2000)");
                assertNull(registry.curator().checkExists().forPath("/services/victim/victim-127.0.0.1-9002"));
                assertTrue(events.events().stream().noneMatch(Event::isError), events.toString());
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void clientsKeepTheLastInstancesWhileTheServerIsDownAndInstancesComeBackWithIt() throws Exception {
        try (DebianZooKeeper server = DebianZooKeeper.start(dir);
                ZooKeeperRegistry services = ZooKeeperRegistry.open(shortSessions(server), Logger.nop());
                ZooKeeperRegistry clients = ZooKeeperRegistry.open(shortSessions(server), Logger.nop())) {
            services.registrar(ServiceInstance.of("inventory", "127.0.0.1", 7001)).register();
            services.registrar(ServiceInstance.of("inventory", "127.0.0.1", 7002)).register();
            List<String> both = List.of("127.0.0.1:7001", "127.0.0.1:7002");
            Instancer instancer = clients.instancer("inventory");
            Recorder events = new Recorder();
            instancer.register(events);
            List<String> made = new ArrayList<>();
            DefaultEndpointer<String, String> endpointer = DefaultEndpointer.create(instancer, instance -> {
                synchronized (made) {
                    made.add(instance);
                }
                Endpoint<String, String> e = (ctx, q) -> instance;
                return ClosableEndpoint.of(e);
            }, Logger.nop());
            assertEquals(both, events.lastSet());
            assertEquals(2, endpointer.endpoints().size());

            server.kill();
            assertEquals(both, events.lastSet(), "no change while the connection is merely lost");
            Await.until("the session is declared lost: an error event", events::lastIsError, events::toString);
            assertEquals(both, events.lastSet(), "the last set published before the error");
            assertEquals(2, endpointer.endpoints().size(), "the endpointer keeps the last known instances");

            server.restart(true); // its data wiped: every session and node is gone
            Await.until("the instances are registered again and the client sees them", () -> events.lastIs(both), events::toString);
            // The endpointer is the instancer's second subscriber: it gets the same event just after the recorder.
            Await.until("the endpointer has both instances again", () -> endpointer.endpoints().size() == 2,
                    () -> endpointer.endpoints().size() + " endpoints; events " + events);
            long session = Sessions.id(services.curator());
            for (String id : List.of("inventory-127.0.0.1-7001", "inventory-127.0.0.1-7002")) {
                Stat stat = clients.curator().checkExists().forPath("/services/inventory/" + id);
                assertNotNull(stat, id + " is back");
                assertEquals(session, stat.getEphemeralOwner(), id + " belongs to the new session");
            }
            synchronized (made) {
                assertEquals(both, made.stream().distinct().sorted().toList());
            }
            endpointer.close();
        }
    }

    @Test
    void aServerRestartedWithinTheSessionTimeoutChangesNothing() throws Exception {
        try (DebianZooKeeper server = DebianZooKeeper.start(dir);
                ZooKeeperRegistry services = ZooKeeperRegistry.open(ZooKeeperOptions.of(server.connectString())
                        .withSessionTimeout(Duration.ofSeconds(30)), Logger.nop());
                ZooKeeperRegistry clients = ZooKeeperRegistry.open(ZooKeeperOptions.of(server.connectString())
                        .withSessionTimeout(Duration.ofSeconds(30)), Logger.nop())) {
            services.registrar(ServiceInstance.of("stable", "127.0.0.1", 7101)).register();
            Recorder events = new Recorder();
            clients.instancer("stable").register(events);
            String path = "/services/stable/stable-127.0.0.1-7101";
            Stat before = clients.curator().checkExists().forPath(path);
            long session = Sessions.id(services.curator());

            server.kill();
            server.restart(false); // same data: the sessions live on
            Await.until("the registry is connected again", () -> services.curator().getZookeeperClient().isConnected());
            Await.until("the client is connected again", () -> clients.curator().getZookeeperClient().isConnected());
            Stat after = clients.curator().checkExists().forPath(path);
            assertNotNull(after);
            assertEquals(session, Sessions.id(services.curator()), "the same session");
            assertEquals(before.getCzxid(), after.getCzxid(), "the same node: not deleted and created again");
            Await.sleep(500);
            assertEquals(List.of(Event.of("127.0.0.1:7101")), events.events(), "clients saw nothing change");
        }
    }

    @Test
    void theCatalogKeepsItsNamesWhileTheServerIsDownAndFollowsAgainAfterARestartWithWipedData() throws Exception {
        try (DebianZooKeeper server = DebianZooKeeper.start(dir);
                ZooKeeperRegistry services = ZooKeeperRegistry.open(shortSessions(server), Logger.nop());
                ZooKeeperRegistry gateway = ZooKeeperRegistry.open(shortSessions(server), Logger.nop())) {
            services.registrar(ServiceInstance.of("svc-a", "127.0.0.1", 7201)).register();
            services.registrar(ServiceInstance.of("svc-b", "127.0.0.1", 7202)).register();
            Names names = new Names();
            gateway.catalog().register(names);
            assertEquals(List.of(io.kit4j.sd.CatalogEvent.of("svc-a", "svc-b")), names.events());

            server.kill();
            Await.until("the session is declared lost: an error event", names::lastIsError, names::toString);
            server.restart(true); // every session and node is gone; the services register again
            Await.until("the names are back once the services registered again",
                    () -> names.lastIs(List.of("svc-a", "svc-b")), names::toString);

            services.registrar(ServiceInstance.of("svc-c", "127.0.0.1", 7203)).register();
            Await.until("the watch of the new session sees a newcomer",
                    () -> names.lastIs(List.of("svc-a", "svc-b", "svc-c")), names::toString);
        }
    }

    private static ZooKeeperOptions shortSessions(DebianZooKeeper server) {
        return ZooKeeperOptions.of(server.connectString()).withSessionTimeout(SESSION)
                .withConnectionTimeout(Duration.ofSeconds(2));
    }

    /** Starts {@link RegisteringProcess} in a new JVM with the test class path; returns once it registered. */
    private static Process startRegisteringProcess(String connectString, String service, String host, int port)
            throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                RegisteringProcess.class.getName(), connectString, service, host, String.valueOf(port),
                String.valueOf(SESSION.toMillis()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith("REGISTERED")) {
                        return l;
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        try {
            String l = line.get(60, TimeUnit.SECONDS);
            if (l == null) {
                fail("the registering process exited without registering (exit " + p.waitFor() + ")");
            }
            return p;
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }
}
