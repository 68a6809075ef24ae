package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of the user service, in each middleware profile. */
class UserServiceMetricsTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> send(HttpServer server, String method, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", AuthFixtures.ADMIN).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The metric lines (not comments) of a text-format page. */
    static List<String> samples(String page) {
        List<String> out = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void fullRecordsEndpointsByMethodAndErrorAndHttpByRouteAndStatus() throws Exception {
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.FULL)) {
            send(server, "GET", "/user/101", null);
            send(server, "GET", "/user/7", null);
            send(server, "POST", "/users", "{\"name\":\"alice\",\"email\":\"a@x.io\"}");
            send(server, "GET", "/users/42", null);
            send(server, "GET", "/nope", null);
            HttpResponse<String> r = send(server, "GET", "/metrics", null);
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            List<String> s = samples(r.body());
            assertTrue(s.contains("requests_total{error=\"false\",method=\"GetName\"} 2.0"), r.body());
            assertTrue(s.contains("requests_total{error=\"false\",method=\"CreateUser\"} 1.0"), r.body());
            assertTrue(s.contains("requests_total{error=\"true\",method=\"GetUser\"} 1.0"), r.body());
            assertTrue(s.contains("request_duration_seconds_count{error=\"false\",method=\"GetName\"} 2"), r.body());
            assertTrue(s.contains("request_duration_seconds_bucket{error=\"false\",method=\"GetName\",le=\"+Inf\"} 2"), r.body());
            assertTrue(s.contains("http_requests_total{method=\"GET\",route=\"/user/{uid:\\\\d+}\",status=\"200\"} 2.0"), r.body());
            assertTrue(s.contains("http_requests_total{method=\"POST\",route=\"/users\",status=\"201\"} 1.0"), r.body());
            assertTrue(s.contains("http_requests_total{method=\"GET\",route=\"/users/{id}\",status=\"404\"} 1.0"), r.body());
            assertTrue(s.contains("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0"), r.body());
            assertTrue(s.contains("http_response_size_bytes_sum{method=\"GET\",route=\"/user/{uid:\\\\d+}\",status=\"200\"} 39.0"),
                    r.body());
            assertTrue(s.stream().anyMatch(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"} ")), r.body());
            assertTrue(s.stream().anyMatch(l -> l.startsWith("process_cpu_seconds_total ")), r.body());
        }
    }

    @Test
    void bareServesMetricsButRecordsNothing() throws Exception {
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.BARE)) {
            assertEquals(200, send(server, "GET", "/user/101", null).statusCode());
            HttpResponse<String> r = send(server, "GET", "/metrics", null);
            assertEquals(200, r.statusCode());
            assertEquals("", r.body());
        }
    }

    @Test
    void theHalvesOfFullEachDoOnlyTheirPart() throws Exception {
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        Logger logger = Logger.logfmt(logged);
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, logger, UserServiceApp.Middlewares.METRICS)) {
            assertEquals(200, send(server, "GET", "/user/101", null).statusCode());
            List<String> s = samples(send(server, "GET", "/metrics", null).body());
            assertTrue(s.contains("requests_total{error=\"false\",method=\"GetName\"} 1.0"), s.toString());
            assertTrue(s.contains("http_requests_total{method=\"GET\",route=\"/user/{uid:\\\\d+}\",status=\"200\"} 1.0"),
                    s.toString());
        }
        String metricsLog = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!metricsLog.contains("get user"), "METRICS logs no calls: " + metricsLog);
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, logger, UserServiceApp.Middlewares.LOGGING)) {
            assertEquals(200, send(server, "GET", "/user/101", null).statusCode());
            assertEquals("", send(server, "GET", "/metrics", null).body(), "LOGGING records no metrics");
        }
        String log = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("event=\"get user\" uid=101"), log);
    }
}
