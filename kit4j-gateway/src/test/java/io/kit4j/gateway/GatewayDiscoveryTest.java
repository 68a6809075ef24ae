package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.log.Logger;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.zookeeper.EmbeddedZooKeeper;
import io.kit4j.sd.zookeeper.ZooKeeperOptions;
import io.kit4j.sd.zookeeper.ZooKeeperRegistry;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes from the registry: a real ZooKeeper server in this JVM, kit4j HTTP servers registered in it as
 * services, and the gateway making (and removing) a route per service as they come and go.
 */
class GatewayDiscoveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedZooKeeper zk;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startZooKeeper() {
        zk = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopZooKeeper() {
        zk.close();
    }

    @Test
    void servicesGetRoutesAfterTheFilesAndLoseThemWhenTheyLeave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("routes.yaml");
        try (EchoUpstream a = new EchoUpstream("a"); EchoUpstream b = new EchoUpstream("b");
                EchoUpstream pinned = new EchoUpstream("pinned");
                ZooKeeperRegistry services = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()), Logger.nop());
                ZooKeeperRegistry gatewayRegistry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString()),
                        Logger.nop());
                Gateway g = Gateway.builder().registry(gatewayRegistry).build()) {
            register(services, "svc-a", a);
            String fileRoutes = "routes:\n  - id: pinned\n    path: /svc-b/pinned/**\n    instances: [\"" + pinned.address()
                    + "\"]\n";
            Files.writeString(file, fileRoutes + "discovery:\n  enabled: true\n  exclude: [hidden]\n  timeout: 5s\n"
                    + "  attempts: 2\n");
            HttpServer s = HttpServer.builder().handler(g).build().start();
            try (RoutesWatcher w = RoutesWatcher.start(file, g, Duration.ofMillis(100), Logger.nop())) {
                HttpResponse<String> r = get(s, "/svc-a/echo?x=1");
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("a", r.headers().firstValue("X-Instance").orElse(null));
                assertEquals("/echo?x=1", JSON.readTree(r.body()).get("uri").asText(), "the service name is stripped");

                Map<String, JsonNode> routes = routes(s);
                assertEquals(List.of("pinned", "registry:svc-a"), List.copyOf(routes.keySet()), "file routes first");
                assertEquals("file", routes.get("pinned").get("source").asText());
                JsonNode generated = routes.get("registry:svc-a");
                assertEquals("registry", generated.get("source").asText());
                assertEquals("/svc-a/**", generated.get("path").asText());
                assertEquals("svc-a", generated.get("upstream").asText());
                assertEquals(1, generated.get("stripPrefix").asInt());
                assertEquals(5000, generated.get("timeoutMillis").asInt());
                assertEquals(2, generated.get("attempts").asInt());

                Registrar hidden = register(services, "hidden", a);
                Registrar rb = register(services, "svc-b", b);
                await("svc-b's route appears", () -> "b".equals(instanceAt(s, "/svc-b/echo")));
                assertEquals(404, get(s, "/hidden/echo").statusCode(), "an excluded service gets no route");
                assertEquals("pinned", instanceAt(s, "/svc-b/pinned/x"), "a file route wins over a generated one");
                assertEquals("a", instanceAt(s, "/svc-a/echo"));

                // A reload of the file keeps the generated routes (and their upstreams).
                Files.writeString(file, fileRoutes + "  - id: extra\n    path: /extra/**\n    instances: [\"" + a.address()
                        + "\"]\ndiscovery:\n  exclude: [hidden]\n  timeout: 5s\n  attempts: 2\n");
                await("the reloaded file's new route", () -> "a".equals(instanceAt(s, "/extra/echo")));
                assertEquals(List.of("pinned", "extra", "registry:svc-a", "registry:svc-b"), List.copyOf(routes(s).keySet()));
                assertEquals("b", instanceAt(s, "/svc-b/echo"));

                rb.deregister();
                await("svc-b's route goes with its last instance", () -> get(s, "/svc-b/echo").statusCode() == 404);
                assertEquals("pinned", instanceAt(s, "/svc-b/pinned/x"), "the file route stays");
                assertEquals("a", instanceAt(s, "/svc-a/echo"));
                hidden.deregister();

                Files.writeString(file, fileRoutes + "discovery:\n  enabled: false\n");
                await("discovery switched off removes the generated routes", () -> get(s, "/svc-a/echo").statusCode() == 404);
                assertEquals(List.of("pinned"), List.copyOf(routes(s).keySet()));
                assertNull(g.lastRejection());
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void aServiceThatComesBackGetsItsRouteAgainAndTheGatewayStopsFollowingWhenClosed() throws Exception {
        try (EchoUpstream a = new EchoUpstream("a");
                ZooKeeperRegistry services = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString())
                        .withBasePath("/gw2"), Logger.nop());
                ZooKeeperRegistry gatewayRegistry = ZooKeeperRegistry.open(ZooKeeperOptions.of(zk.connectString())
                        .withBasePath("/gw2"), Logger.nop())) {
            Gateway g = Gateway.builder().registry(gatewayRegistry)
                    .routes(RoutesFile.parse("discovery: {prefix: /api}\n")).build();
            HttpServer s = HttpServer.builder().handler(g).build().start();
            try {
                assertEquals(List.of(), g.routeIds());
                Registrar r = register(services, "echo", a);
                await("the route appears", () -> "a".equals(instanceAt(s, "/api/echo/echo")));
                assertEquals("/echo", JSON.readTree(get(s, "/api/echo/echo").body()).get("uri").asText(),
                        "prefix and service name stripped");
                r.deregister();
                await("the route goes", () -> g.routeIds().isEmpty());
                r.register();
                await("and comes back", () -> "a".equals(instanceAt(s, "/api/echo/echo")));
            } finally {
                s.stop();
                g.close();
            }
            assertEquals(List.of(), g.routeIds());
            register(services, "late", a);
            Thread.sleep(300);
            assertEquals(List.of(), g.routeIds(), "a closed gateway follows the registry no more");
        }
    }

    @Test
    void discoveryNeedsARegistryThatListsItsServicesAndValidSettings() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Gateway.builder().routes(RoutesFile.parse("discovery: {enabled: true}\n")).build());
        assertTrue(none.getMessage().startsWith("discovery: "), none.getMessage());
        assertTrue(none.getMessage().contains("need a registry"), none.getMessage());

        Registry cannotList = new Registry() {
            @Override
            public Registrar registrar(ServiceInstance instance) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instancer instancer(String service) {
                return io.kit4j.sd.FixedInstancer.of();
            }

            @Override
            public void close() {
            }
        };
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class, () -> Gateway.builder()
                .registry(cannotList).routes(RoutesFile.parse("discovery: {}\n")).build());
        assertTrue(unsupported.getMessage().contains("cannot list"), unsupported.getMessage());

        for (String bad : List.of("discovery: {timeout: soon}", "discovery: {prefix: api}", "discovery: {stripPrefix: -1}",
                "discovery: {lb: fastest}", "discovery: {attempts: 0}", "discovery: {rateLimit: {perSecond: -1}}",
                "discovery: {unknownKey: 1}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Gateway.builder().registry(cannotList).routes(RoutesFile.parse(bad)).build(), bad);
            assertTrue(e.getMessage().contains("discovery"), bad + " -> " + e.getMessage());
        }
        try (Gateway off = Gateway.builder().registry(cannotList)
                .routes(RoutesFile.parse("discovery: {enabled: false, timeout: soon}\n")).build()) {
            assertEquals(List.of(), off.routeIds(), "switched off: not even checked");
        }
    }

    private static Registrar register(Registry registry, String service, EchoUpstream upstream) {
        Registrar r = registry.registrar(ServiceInstance.of(service, "127.0.0.1", upstream.server.port()));
        r.register();
        return r;
    }

    private HttpResponse<String> get(HttpServer s, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(s.uri() + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String instanceAt(HttpServer s, String path) {
        HttpResponse<String> r = get(s, path);
        return r.headers().firstValue("X-Instance").orElse("status " + r.statusCode());
    }

    private Map<String, JsonNode> routes(HttpServer s) throws Exception {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (JsonNode r : JSON.readTree(get(s, Gateway.ROUTES_PATH).body()).get("routes")) {
            out.put(r.get("id").asText(), r);
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
