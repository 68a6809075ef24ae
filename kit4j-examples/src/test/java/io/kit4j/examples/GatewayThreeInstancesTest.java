package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.RoutesWatcher;
import io.kit4j.lifecycle.ServiceRunner;
import io.kit4j.log.Logger;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.zookeeper.EmbeddedZooKeeper;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of three real user-service instances that register themselves in a real
 * ZooKeeper (in this JVM), routed by the sample {@code gateway-routes.yaml}: one instance stops while
 * concurrent GETs run through the gateway and no client request fails; writes pass the bearer token on.
 */
class GatewayThreeInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void noClientRequestFailsWhenAnInstanceStopsMidRun() throws Exception {
        List<ServiceRunner> runners = new ArrayList<>();
        List<HttpServer> servers = new ArrayList<>();
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
                Registry gatewayRegistry = Registries.open(zk.uri(), Logger.nop())) {
            try {
                for (int i = 0; i < 3; i++) {
                    HttpServer server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.BARE);
                    Registry own = Registries.open(zk.uri(), Logger.nop());
                    ServiceRunner runner = ServiceRunner.create(Logger.nop()).deregisterGrace(Duration.ofMillis(300))
                            .closeOnStop("registry", own).closeOnStop("http", server);
                    runner.register(own.registrar(ServiceInstance.of("userservice", "127.0.0.1", server.port())));
                    servers.add(server);
                    runners.add(runner);
                }
                PrometheusMetrics metrics = PrometheusMetrics.create();
                try (Gateway gateway = Gateway.builder().registry(gatewayRegistry)
                        .metrics(GatewayCommand.prometheus(metrics)).metricsHandler(metrics.handler()).build();
                        RoutesWatcher watcher = RoutesWatcher.start(Path.of("gateway-routes.yaml"), gateway,
                                Duration.ofSeconds(1), Logger.nop())) {
                    HttpServer gw = HttpServer.builder().handler(gateway).build().start();
                    try {
                        await(() -> instancesKnown(gw) == 3);
                        run(gw, runners.get(1), servers);
                        writesCarryTheToken(gw);
                        String scrape = get(gw, "/metrics").body();
                        assertTrue(scrape.contains("kit4j_gateway_requests_total{code=\"200\",route=\"getname\"}"), scrape);
                        await(() -> instancesKnown(gw) == 2);
                    } finally {
                        gw.stop();
                    }
                }
            } finally {
                runners.forEach(ServiceRunner::stop);
            }
        }
    }

    private void run(HttpServer gw, ServiceRunner victim, List<HttpServer> servers) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger duringStop = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    // until 50 requests of this worker have run after the instance was fully stopped
                    for (int afterStop = 0; afterStop < 50; ) {
                        boolean wasStopping = stopping.get() && !stopped.get();
                        try {
                            HttpResponse<String> r = get(gw, "/api/user/101");
                            if (r.statusCode() != 200 || !r.body().contains("shenyi")) {
                                failures.merge(r.statusCode() + " " + r.body().strip(), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            failures.merge(e.toString(), 1, Integer::sum);
                        }
                        done.incrementAndGet();
                        if (wasStopping) {
                            duringStop.incrementAndGet();
                        }
                        if (stopped.get()) {
                            afterStop++;
                        }
                    }
                    return null;
                }));
            }
            while (done.get() < 200) {
                Thread.sleep(1);
            }
            stopping.set(true);
            victim.stop(); // deregisters, serves for the grace period, then closes its port
            stopped.set(true);
            for (Future<?> f : workers) {
                f.get();
            }
            System.out.println("gateway run: " + done.get() + " requests, " + duringStop.get()
                    + " while an instance stopped, failures " + failures);
            assertEquals(Map.of(), failures, "no client request may fail");
            assertTrue(duringStop.get() > 0, "requests ran while the instance was stopping");
            assertTrue(done.get() >= 400, "requests ran after it had stopped: " + done.get());
            assertTrue(!servers.get(1).isRunning(), "the instance is stopped");
        }
    }

    private void writesCarryTheToken(HttpServer gw) throws Exception {
        String body = "{\"name\":\"gwuser\",\"email\":\"gw@example.com\",\"age\":33}";
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(gw.uri() + "/api/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create(gw.uri() + "/api/users"))
                .header("Content-Type", "application/json").header("Authorization", AuthFixtures.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, admin.statusCode(), admin.body());
        assertEquals("gwuser", JSON.readTree(admin.body()).get("name").asText(), admin.body());
    }

    private int instancesKnown(HttpServer gw) {
        try {
            JsonNode view = JSON.readTree(get(gw, Gateway.ROUTES_PATH).body());
            for (JsonNode u : view.get("upstreams")) { // the sample routes also name fixed gRPC instances
                if (u.get("name").asText().equals("userservice")) {
                    return u.get("instances").size();
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> get(HttpServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.uri() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
