package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.RoutesFile;
import io.kit4j.log.Logger;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingSetup;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One GetName call through three processes' worth of kit4j, each with its own OpenTelemetry SDK exporting
 * to a real Zipkin server: the client ({@code kit4j-client}: balancer, retry, breaker) calls the user
 * service ({@code userservice}), whose GetName is answered by a downstream instance ({@code namesvc}). The
 * trace id is taken from the user service's log line, and the trace read back through Zipkin's API
 * ({@code /api/v2/trace/{id}}) must be the chain client → userservice → namesvc with the right parent of
 * every span and the HTTP attributes. A second test sends a request through the gateway
 * ({@code kit4j-gateway}) to the user service: gateway SERVER → gateway CLIENT → userservice SERVER. Polls
 * with a bounded wait; asserts no wall-clock duration.
 */
class ZipkinTraceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Pattern TRACE_ID = Pattern.compile("trace_id=([0-9a-f]{32}) span_id=([0-9a-f]{16})");

    @TempDir
    Path dir;

    @Test
    void oneTraceShowsClientThenUserServiceThenDownstreamInZipkin() throws Exception {
        ByteArrayOutputStream userLog = new ByteArrayOutputStream();
        try (ZipkinServer zipkin = ZipkinServer.start(dir);
                Tracing nameTracing = tracing("namesvc", zipkin);
                Tracing userTracing = tracing("userservice", zipkin);
                Tracing clientTracing = tracing("kit4j-client", zipkin);
                HttpServer namesvc = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.FULL,
                        PrometheusMetrics.create(), new UserServiceOptions(nameTracing, null));
                HttpServer usersvc = UserServiceApp.start("127.0.0.1", 0, Logger.logfmt(userLog),
                        UserServiceApp.Middlewares.FULL, PrometheusMetrics.create(),
                        new UserServiceOptions(userTracing, namesvc.uri()));
                BalancedGetName client = new BalancedGetName(new FixedInstancer(List.of("127.0.0.1:" + usersvc.port())),
                        BalancedGetName.Strategy.ROUND_ROBIN, 1, Duration.ofSeconds(10),
                        new CircuitBreakers(io.kit4j.time.Clock.system(), Settings.builder().timeout(Duration.ofSeconds(10)).build()),
                        Logger.nop(), clientTracing)) {
            BalancedGetName.Answer answer = client.call(Context.background(), 101);
            assertEquals("shenyi", answer.result());
            assertFalse(answer.degraded(), answer.instance());

            String line = userLog.toString(StandardCharsets.UTF_8);
            Matcher m = TRACE_ID.matcher(line);
            assertTrue(m.find(), "the user service's log line carries the trace id: " + line);
            String traceId = m.group(1);
            String loggedSpan = m.group(2);

            nameTracing.flush(Duration.ofSeconds(10));
            userTracing.flush(Duration.ofSeconds(10));
            clientTracing.flush(Duration.ofSeconds(10));
            JsonNode trace = awaitTrace(zipkin, traceId, 7);

            Map<String, JsonNode> byId = new HashMap<>();
            trace.forEach(s -> byId.put(s.get("id").asText(), s));
            List<JsonNode> roots = new ArrayList<>();
            Map<String, List<JsonNode>> children = new HashMap<>();
            for (JsonNode s : trace) {
                assertEquals(traceId, s.get("traceId").asText());
                if (s.hasNonNull("parentId")) {
                    assertTrue(byId.containsKey(s.get("parentId").asText()), "parent in the trace: " + s);
                    children.computeIfAbsent(s.get("parentId").asText(), k -> new ArrayList<>()).add(s);
                } else {
                    roots.add(s);
                }
            }
            assertEquals(1, roots.size(), "one root: " + trace);

            JsonNode clientCall = expect(roots.get(0), "kit4j-client", null, "getname");
            JsonNode clientHttp = expect(only(children, clientCall), "kit4j-client", "CLIENT", "get");
            JsonNode userServer = expect(only(children, clientHttp), "userservice", "SERVER", "get /user/{uid:\\d+}");
            JsonNode userEndpoint = expect(only(children, userServer), "userservice", null, "getname");
            JsonNode userHttp = expect(only(children, userEndpoint), "userservice", "CLIENT", "get");
            JsonNode nameServer = expect(only(children, userHttp), "namesvc", "SERVER", "get /user/{uid:\\d+}");
            JsonNode nameEndpoint = expect(only(children, nameServer), "namesvc", null, "getname");
            assertFalse(children.containsKey(nameEndpoint.get("id").asText()), "namesvc is the last hop");
            assertEquals(userEndpoint.get("id").asText(), loggedSpan, "the log line names the endpoint's span");

            for (JsonNode server : List.of(userServer, nameServer)) {
                JsonNode tags = server.get("tags");
                assertEquals("GET", tags.path("http.request.method").asText(), server.toString());
                assertEquals("/user/101", tags.path("url.path").asText(), server.toString());
                assertEquals("/user/{uid:\\d+}", tags.path("http.route").asText(), server.toString());
                assertEquals("200", tags.path("http.response.status_code").asText(), server.toString());
                assertEquals("127.0.0.1", tags.path("server.address").asText(), server.toString());
                assertEquals("http", tags.path("url.scheme").asText(), server.toString());
            }
            assertEquals(String.valueOf(usersvc.port()), userServer.get("tags").path("server.port").asText());
            assertEquals(String.valueOf(namesvc.port()), nameServer.get("tags").path("server.port").asText());
            for (JsonNode c : List.of(clientHttp, userHttp)) {
                JsonNode tags = c.get("tags");
                assertEquals("GET", tags.path("http.request.method").asText(), c.toString());
                assertEquals("200", tags.path("http.response.status_code").asText(), c.toString());
                assertEquals("127.0.0.1", tags.path("server.address").asText(), c.toString());
            }
            assertEquals("http://127.0.0.1:" + usersvc.port() + "/user/101", clientHttp.get("tags").path("url.full").asText());
            assertEquals("http://127.0.0.1:" + namesvc.port() + "/user/101", userHttp.get("tags").path("url.full").asText());
        }
    }

    @Test
    void aRequestThroughTheGatewayIsOneTraceInZipkin() throws Exception {
        ByteArrayOutputStream userLog = new ByteArrayOutputStream();
        try (ZipkinServer zipkin = ZipkinServer.start(dir);
                Tracing userTracing = tracing("userservice", zipkin);
                Tracing gatewayTracing = tracing("kit4j-gateway", zipkin);
                HttpServer usersvc = UserServiceApp.start("127.0.0.1", 0, Logger.logfmt(userLog),
                        UserServiceApp.Middlewares.FULL, PrometheusMetrics.create(),
                        new UserServiceOptions(userTracing, null));
                Gateway gateway = Gateway.builder().tracing(gatewayTracing).routes(RoutesFile.parse("""
                        routes:
                          - id: users
                            path: /api/**
                            stripPrefix: 1
                            instances: ["127.0.0.1:%d"]
                        """.formatted(usersvc.port()))).build();
                HttpServer gw = HttpServer.builder().port(0).handler(gateway).build().start()) {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    gw.uri().resolve("/api/user/101")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());

            String line = userLog.toString(StandardCharsets.UTF_8);
            Matcher m = TRACE_ID.matcher(line);
            assertTrue(m.find(), "the user service's log line carries the trace id: " + line);
            String traceId = m.group(1);
            userTracing.flush(Duration.ofSeconds(10));
            gatewayTracing.flush(Duration.ofSeconds(10));
            JsonNode trace = awaitTrace(zipkin, traceId, 4);

            Map<String, List<JsonNode>> children = new HashMap<>();
            List<JsonNode> roots = new ArrayList<>();
            for (JsonNode s : trace) {
                if (s.hasNonNull("parentId")) {
                    children.computeIfAbsent(s.get("parentId").asText(), k -> new ArrayList<>()).add(s);
                } else {
                    roots.add(s);
                }
            }
            assertEquals(1, roots.size(), "one root: " + trace);
            JsonNode gwServer = expect(roots.get(0), "kit4j-gateway", "SERVER", "get /api/**");
            JsonNode gwClient = expect(only(children, gwServer), "kit4j-gateway", "CLIENT", "get");
            JsonNode userServer = expect(only(children, gwClient), "userservice", "SERVER", "get /user/{uid:\\d+}");
            expect(only(children, userServer), "userservice", null, "getname");
            assertEquals("/api/**", gwServer.get("tags").path("http.route").asText(), gwServer.toString());
            assertEquals("users", gwServer.get("tags").path("kit4j.gateway.route").asText(), gwServer.toString());
            assertEquals("200", gwServer.get("tags").path("http.response.status_code").asText(), gwServer.toString());
            assertEquals(String.valueOf(usersvc.port()), gwClient.get("tags").path("server.port").asText(), gwClient.toString());
            assertEquals("http://127.0.0.1:" + usersvc.port() + "/user/101", gwClient.get("tags").path("url.full").asText());
        }
    }

    static Tracing tracing(String service, ZipkinServer zipkin) {
        return TracingSetup.builder(service).exporter("zipkin=" + zipkin.base()).build();
    }

    static JsonNode expect(JsonNode span, String service, String kind, String name) {
        assertEquals(service, span.path("localEndpoint").path("serviceName").asText(), span.toString());
        assertEquals(kind == null ? "" : kind, span.path("kind").asText(), span.toString());
        assertEquals(name, span.path("name").asText(), span.toString());
        return span;
    }

    static JsonNode only(Map<String, List<JsonNode>> children, JsonNode parent) {
        List<JsonNode> c = children.getOrDefault(parent.get("id").asText(), List.of());
        assertEquals(1, c.size(), "one child of " + parent + ": " + c);
        return c.get(0);
    }

    /** Polls Zipkin until the trace has {@code spans} spans (the exporters send asynchronously). */
    static JsonNode awaitTrace(ZipkinServer zipkin, String traceId, int spans) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = zipkin.get("/api/v2/trace/" + traceId);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode trace = JSON.readTree(r.body());
                if (trace.size() >= spans) {
                    assertEquals(spans, trace.size(), last);
                    return trace;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("trace " + traceId + " did not reach " + spans + " spans in Zipkin; last answer: " + last
                + "\nZipkin log:\n" + zipkin.logTail());
    }
}
