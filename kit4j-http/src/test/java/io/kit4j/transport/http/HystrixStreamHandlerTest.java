package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.circuitbreaker.CircuitBreaker;
import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Isolation;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hystrix.stream over a real socket, read with the JDK's HTTP client. */
class HystrixStreamHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] DASHBOARD_FIELDS = {"type", "name", "group", "currentTime", "isCircuitBreakerOpen",
        "errorPercentage", "errorCount", "requestCount", "rollingCountBadRequests", "rollingCountCollapsedRequests",
        "rollingCountExceptionsThrown", "rollingCountFailure", "rollingCountFallbackFailure",
        "rollingCountFallbackRejection", "rollingCountFallbackSuccess", "rollingCountResponsesFromCache",
        "rollingCountSemaphoreRejected", "rollingCountShortCircuited", "rollingCountSuccess",
        "rollingCountThreadPoolRejected", "rollingCountTimeout", "currentConcurrentExecutionCount",
        "latencyExecute_mean", "latencyExecute", "latencyTotal_mean", "latencyTotal",
        "propertyValue_circuitBreakerRequestVolumeThreshold", "propertyValue_circuitBreakerSleepWindowInMilliseconds",
        "propertyValue_circuitBreakerErrorThresholdPercentage", "propertyValue_circuitBreakerForceOpen",
        "propertyValue_circuitBreakerForceClosed", "propertyValue_executionIsolationStrategy",
        "propertyValue_executionIsolationThreadTimeoutInMilliseconds",
        "propertyValue_executionIsolationThreadInterruptOnTimeout",
        "propertyValue_executionIsolationSemaphoreMaxConcurrentRequests",
        "propertyValue_fallbackIsolationSemaphoreMaxConcurrentRequests", "propertyValue_requestCacheEnabled",
        "propertyValue_requestLogEnabled", "propertyValue_metricsRollingStatisticalWindowInMilliseconds",
        "reportingHosts"};

    HttpServer server;
    HystrixStreamHandler handler;
    final CircuitBreakers breakers = new CircuitBreakers();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    void start() {
        handler = new HystrixStreamHandler(breakers, Duration.ofMillis(20));
        server = HttpServer.builder().handler(new Router().get("/hystrix.stream", handler)).build().start();
    }

    HttpResponse<InputStream> open() throws Exception {
        return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/hystrix.stream"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads events until one for each of {@code count} breakers has arrived; returns them by name. */
    static Map<String, JsonNode> readEvents(BufferedReader in, int count) throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        String line;
        while (byName.size() < count && (line = in.readLine()) != null) {
            if (line.startsWith("data: ")) {
                JsonNode n = JSON.readTree(line.substring("data: ".length()));
                byName.put(n.get("name").asText(), n);
                assertEquals("", in.readLine(), "each event ends with a blank line");
            }
        }
        return byName;
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 30_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    void streamsOneHystrixCommandEventPerBreakerWithTheDashboardsFields() throws Exception {
        Context ctx = Context.background();
        CircuitBreaker users = breakers.configure("getuser", Settings.builder().isolation(Isolation.SAME_THREAD)
                .maxConcurrentRequests(5).build());
        for (int i = 0; i < 3; i++) {
            users.execute(ctx, c -> "ok");
        }
        users.execute(ctx, c -> {
            throw new IOException("down");
        }, (c, cause) -> "degraded");
        breakers.get("other");
        start();

        HttpResponse<InputStream> r = open();
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream;charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow().toLowerCase());
        assertTrue(r.headers().firstValue("Cache-Control").orElseThrow().contains("no-cache"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            Map<String, JsonNode> events = readEvents(in, 2);
            JsonNode e = events.get("getuser");
            for (String field : DASHBOARD_FIELDS) {
                assertTrue(e.has(field), "missing " + field);
            }
            assertEquals("HystrixCommand", e.get("type").asText());
            assertEquals("getuser", e.get("group").asText());
            assertEquals(4, e.get("requestCount").asInt());
            assertEquals(1, e.get("errorCount").asInt());
            assertEquals(25, e.get("errorPercentage").asInt());
            assertEquals(3, e.get("rollingCountSuccess").asInt());
            assertEquals(1, e.get("rollingCountFailure").asInt());
            assertEquals(1, e.get("rollingCountFallbackSuccess").asInt());
            assertEquals(false, e.get("isCircuitBreakerOpen").asBoolean());
            assertEquals("SEMAPHORE", e.get("propertyValue_executionIsolationStrategy").asText());
            assertEquals(5, e.get("propertyValue_executionIsolationSemaphoreMaxConcurrentRequests").asInt());
            assertEquals(9, e.get("latencyExecute").size());
            assertTrue(e.get("latencyTotal").has("99.5"));
            assertTrue(e.get("currentTime").asLong() > 0);
            assertEquals("THREAD", events.get("other").get("propertyValue_executionIsolationStrategy").asText());

            users.execute(ctx, c -> "again");
            JsonNode later;
            do {
                later = readEvents(in, 2).get("getuser");
            } while (later.get("requestCount").asInt() < 5);
            assertEquals(5, later.get("requestCount").asInt(), "events repeat with fresh numbers");
        }
        eventually(() -> handler.activeStreams() == 0);
    }

    @Test
    void theStreamEndsWhenTheClientGoesAway() throws Exception {
        breakers.get("a");
        start();
        HttpResponse<InputStream> r = open();
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readEvents(in, 1);
        assertEquals(1, handler.activeStreams());
        in.close();
        eventually(() -> handler.activeStreams() == 0);
    }

    @Test
    void withoutBreakersItPingsSoADepartedClientIsStillNoticed() throws Exception {
        start();
        HttpResponse<InputStream> r = open();
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertEquals(": ping", in.readLine());
        assertEquals("", in.readLine());
        in.close();
        eventually(() -> handler.activeStreams() == 0);
    }

    @Test
    void stoppingTheServerEndsTheStreamAtOnce() throws Exception {
        breakers.get("a");
        handler = new HystrixStreamHandler(breakers, Duration.ofHours(1));
        server = HttpServer.builder().handler(new Router().get("/hystrix.stream", handler))
                .drainTimeout(Duration.ofHours(1)).build().start();
        HttpResponse<InputStream> r = open();
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readEvents(in, 1);
        assertEquals(1, handler.activeStreams());
        server.stop();
        server = null;
        assertEquals(0, handler.activeStreams(), "the stream ended, or stop() would have waited an hour");
        try {
            while (in.readLine() != null) {
                // the rest of the stream, if any, up to its end
            }
        } catch (IOException closed) {
            // the connection was closed under us: also an end
        }
    }

    @Test
    void closeEndsStreamsAndRefusesNewOnes() throws Exception {
        breakers.get("a");
        handler = new HystrixStreamHandler(breakers, Duration.ofHours(1));
        server = HttpServer.builder().handler(new Router().get("/hystrix.stream", handler)).build().start();
        HttpResponse<InputStream> r = open();
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readEvents(in, 1);
        handler.close();
        String line;
        do {
            line = in.readLine();
        } while (line != null);
        assertEquals(0, handler.activeStreams());
        assertEquals(503, Http.get(server, "/hystrix.stream").statusCode());
    }
}
