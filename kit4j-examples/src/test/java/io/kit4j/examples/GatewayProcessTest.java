package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.zookeeper.EmbeddedZooKeeper;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit4j gateway --registry zk://… --routes FILE} as a real process, in front of a user service
 * registered in a real ZooKeeper: it routes, picks up an edited routes file without a restart, keeps its
 * routes when the file turns invalid (and says why), and stops cleanly on SIGTERM.
 */
class GatewayProcessTest {
    private static final String ROUTES = """
            routes:
              - id: getname
                path: /api/user/**
                service: userservice
                stripPrefix: 1
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} until it answers {@code status} (up to 30 s) and returns the last answer. */
    private HttpResponse<String> await(String base, String path, int status) throws Exception {
        HttpResponse<String> r = get(base, path);
        for (int i = 0; i < 300 && r.statusCode() != status; i++) {
            Thread.sleep(100);
            r = get(base, path);
        }
        return r;
    }

    @Test
    void routesReloadsKeepsRoutesOnABadFileAndStopsOnSigterm() throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, ROUTES);
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
                Registry registry = Registries.open(zk.uri(), Logger.nop());
                HttpServer svc = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.BARE)) {
            Registrar registrar = registry.registrar(ServiceInstance.of("userservice", "127.0.0.1", svc.port()));
            registrar.register();
            Path log = dir.resolve("gateway.log");
            Process p = ServerProcesses.kit4j("gateway", "-p", "0", "--registry", zk.uri(),
                    "--routes", routes.toString(), "--reload-interval", "PT0.2S").redirectOutput(log.toFile()).start();
            try {
                String base = ServerProcesses.awaitLog(p, log, "event=listening addr=(\\S+)");

                HttpResponse<String> r = await(base, "/api/user/101", 200);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("{\"result\":\"shenyi\"}", r.body().strip());
                assertEquals(404, get(base, "/v2/name/101").statusCode());

                Files.writeString(routes, ROUTES + """
                          - id: name-v2
                            path: /v2/name/{uid:\\d+}
                            rewrite: /user/{uid}
                            service: userservice
                        """);
                r = await(base, "/v2/name/101", 200);
                assertEquals(200, r.statusCode(), "the edited file was applied: " + ServerProcesses.logTail(log, 20));
                assertEquals("{\"result\":\"shenyi\"}", r.body().strip());

                Files.writeString(routes, "routes:\n  - id: broken\n    path: no-slash\n");
                HttpResponse<String> view = get(base, "/gateway/routes");
                for (int i = 0; i < 300 && !view.body().contains("lastReloadError"); i++) {
                    Thread.sleep(100);
                    view = get(base, "/gateway/routes");
                }
                assertTrue(view.body().contains("\"lastReloadError\":\"route 1 (broken): "), view.body());
                assertEquals(200, get(base, "/v2/name/101").statusCode(), "the routes in force stay");

                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not stop");
                String all = Files.readString(log, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), all);
                assertTrue(all.contains("event=stopped"), all);
            } finally {
                ServerProcesses.stop(p);
                registrar.deregister();
            }
        }
    }
}
