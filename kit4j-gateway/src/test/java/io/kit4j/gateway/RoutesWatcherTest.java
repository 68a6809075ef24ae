package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes file is reloaded on change, without a restart; an invalid file keeps the routes in force. */
class RoutesWatcherTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reloadsAChangedFileAndKeepsTheOldRoutesWhenTheNewFileIsInvalid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("routes.yaml");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(log);
        try (EchoUpstream a = new EchoUpstream("a"); EchoUpstream b = new EchoUpstream("b");
                Gateway g = Gateway.builder().logger(logger).build()) {
            Files.writeString(file, routes(a));
            HttpServer s = HttpServer.builder().handler(g).build().start();
            try (RoutesWatcher w = RoutesWatcher.start(file, g, Duration.ofMillis(100), logger)) {
                assertEquals("a", instanceAt(s, "/svc/echo"));

                Files.writeString(file, routes(b) + "  - id: extra\n    path: /extra/**\n    instances: [\""
                        + a.address() + "\"]\n");
                await(() -> "b".equals(instanceAt(s, "/svc/echo")));
                assertEquals("a", instanceAt(s, "/extra/echo"));

                Files.writeString(file, "routes:\n  - id: broken\n    path: no-slash\n    instances: []\n");
                await(() -> g.lastRejection() != null);
                assertTrue(g.lastRejection().contains("broken"), g.lastRejection());
                assertEquals("b", instanceAt(s, "/svc/echo"));
                JsonNode view = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                        URI.create(s.uri() + Gateway.ROUTES_PATH)).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertTrue(view.get("lastReloadError").asText().contains("path must start with /"), view.toString());

                Files.writeString(file, "routes: [this is: not: yaml");
                await(() -> log.toString(StandardCharsets.UTF_8).contains("not valid YAML"));
                assertEquals("b", instanceAt(s, "/svc/echo"));

                Files.writeString(file, routes(a));
                await(() -> "a".equals(instanceAt(s, "/svc/echo")));
                assertNull(g.lastRejection());
                assertNotNull(w);
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void aFileCaughtEmptyBetweenTruncationAndWriteKeepsTheRoutes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("routes.yaml");
        try (EchoUpstream a = new EchoUpstream("a"); EchoUpstream b = new EchoUpstream("b");
                Gateway g = Gateway.builder().build()) {
            Files.writeString(file, routes(a));
            HttpServer s = HttpServer.builder().handler(g).build().start();
            // An interval of an hour: only the test's own check() calls read the file.
            try (RoutesWatcher w = RoutesWatcher.start(file, g, Duration.ofHours(1), Logger.nop())) {
                Files.writeString(file, "");
                assertFalse(w.check());
                Files.writeString(file, " \n");
                assertFalse(w.check());
                assertEquals("a", instanceAt(s, "/svc/echo"));
                assertNull(g.lastRejection());
                Files.writeString(file, routes(b));
                assertTrue(w.check());
                assertEquals("b", instanceAt(s, "/svc/echo"));
                Files.writeString(file, "routes: []\n");
                assertTrue(w.check(), "an explicit empty list removes every route");
                assertEquals("status 404", instanceAt(s, "/svc/echo"));
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void anInvalidFileAtStartIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, "routes:\n  - path: /x\n    instances: []\n");
        try (Gateway g = Gateway.builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RoutesWatcher.start(file, g, Duration.ofSeconds(1), Logger.nop()));
            assertTrue(e.getMessage().contains("id is required"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> RoutesWatcher.start(dir.resolve("missing.yaml"), g, Duration.ofSeconds(1), Logger.nop()));
        }
    }

    private static String routes(EchoUpstream target) {
        return "routes:\n  - id: svc\n    path: /svc/**\n    stripPrefix: 1\n    instances: [\"" + target.address() + "\"]\n";
    }

    private String instanceAt(HttpServer s, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.uri() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.headers().firstValue("X-Instance").orElse("status " + r.statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
