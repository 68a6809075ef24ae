package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary, started on 127.0.0.1 with a temporary
 * config) scrapes an in-process user service's {@code /metrics} every second; after a known set of
 * requests, PromQL through Prometheus' HTTP API must give exactly their counts. The test polls until the
 * values appear, within a bounded wait, and asserts no wall-clock duration.
 *
 * <p>It fails, never skips, when {@code prometheus} is not on the PATH: {@code bin/test} installs it.
 */
class PrometheusScrapeTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aRealPrometheusScrapesTheServiceAndCountsItsRequests() throws Exception {
        Path binary = findOnPath("prometheus");
        if (binary == null) {
            fail("the Prometheus server binary 'prometheus' is not on the PATH (" + System.getenv("PATH") + "). "
                    + "This test scrapes the user service with a real Prometheus; bin/test installs it as root with "
                    + "'apt-get install -y --no-install-recommends prometheus' (Debian package 'prometheus').");
        }
        try (HttpServer svc = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.FULL);
                PrometheusServer prom = PrometheusServer.start(binary, dir, svc.port())) {
            for (int i = 0; i < 20; i++) {
                expectStatus(svc, "GET", "/user/101", null, 200);
            }
            for (int i = 0; i < 7; i++) {
                expectStatus(svc, "GET", "/users/" + (900 + i), null, 404);
            }
            for (int i = 0; i < 3; i++) {
                expectStatus(svc, "POST", "/users", "{\"name\":\"u" + i + "\",\"email\":\"u" + i + "@x.io\"}", 201);
            }

            prom.expect("up{job=\"usersvc\"}", 1);
            prom.expect("requests_total{job=\"usersvc\",method=\"GetName\",error=\"false\"}", 20);
            prom.expect("requests_total{job=\"usersvc\",method=\"GetUser\",error=\"true\"}", 7);
            prom.expect("requests_total{job=\"usersvc\",method=\"CreateUser\",error=\"false\"}", 3);
            prom.expect("sum(requests_total{job=\"usersvc\"})", 30);
            prom.expect("request_duration_seconds_count{job=\"usersvc\",method=\"GetName\",error=\"false\"}", 20);
            prom.expect("request_duration_seconds_bucket{job=\"usersvc\",method=\"GetName\",error=\"false\",le=\"+Inf\"}", 20);
            prom.expect("http_requests_total{job=\"usersvc\",method=\"GET\",route=\"/users/{id}\",status=\"404\"}", 7);
            prom.expect("http_request_duration_seconds_count{job=\"usersvc\",route=\"/users\",status=\"201\"}", 3);
        }
    }

    static void expectStatus(HttpServer svc, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(svc.uri() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", AuthFixtures.ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + " -> " + r.body());
    }

    static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A Prometheus server process on 127.0.0.1 scraping one target; closing it stops the process. */
    static final class PrometheusServer implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final URI base;

        private PrometheusServer(Process process, Path log, URI base) {
            this.process = process;
            this.log = log;
            this.base = base;
        }

        /** Starts Prometheus scraping {@code 127.0.0.1:targetPort/metrics} every second; waits until ready. */
        static PrometheusServer start(Path binary, Path dir, int targetPort) throws Exception {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: usersvc
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(targetPort));
            String lastFailure = "";
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = ServerProcesses.freePort();
                Path log = dir.resolve("prometheus-" + attempt + ".log");
                Process p = new ProcessBuilder(binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data-" + attempt),
                        "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                PrometheusServer server = new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port));
                if (server.awaitReady()) {
                    return server;
                }
                lastFailure = server.logTail();
                server.close();
                if (!lastFailure.contains("address already in use")) {
                    break;
                }
            }
            throw new AssertionError("Prometheus did not become ready; its log:\n" + lastFailure);
        }

        private boolean awaitReady() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            return false;
        }

        /**
         * Polls the instant query {@code promql} until it answers {@code expected} (or the bounded wait ends),
         * then asserts the last answer.
         */
        void expect(String promql, double expected) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String last = "no answer yet";
            Double value = null;
            while (true) {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                value = r.statusCode() == 200 ? singleValue(JSON.readTree(r.body())) : null;
                if ((value != null && value == expected) || System.nanoTime() > deadline || !process.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(expected, value == null ? Double.NaN : value, 0.0,
                    "PromQL " + promql + "; last answer: " + last + "\nPrometheus log:\n" + logTail());
        }

        /** The value of a one-series vector answer, or null while the result is empty. */
        private static Double singleValue(JsonNode answer) {
            if (!"success".equals(answer.path("status").asText())) {
                throw new AssertionError("query failed: " + answer);
            }
            JsonNode result = answer.path("data").path("result");
            if (result.isEmpty()) {
                return null;
            }
            if (result.size() != 1) {
                throw new AssertionError("expected one series, got " + result);
            }
            return Double.parseDouble(result.get(0).path("value").get(1).asText());
        }

        String logTail() {
            return ServerProcesses.logTail(log, 30);
        }

        @Override
        public void close() {
            ServerProcesses.stop(process);
        }
    }
}
