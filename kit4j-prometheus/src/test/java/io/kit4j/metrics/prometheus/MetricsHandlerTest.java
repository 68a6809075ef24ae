package io.kit4j.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over a real socket, read with the JDK's HTTP client. */
class MetricsHandlerTest {
    /** The Accept header Prometheus 2.42 sends when it scrapes. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final PrometheusMetrics metrics = PrometheusMetrics.create();
    HttpServer server;

    @BeforeEach
    void start() {
        PrometheusCounter requests = metrics.counter("requests_total", "Requests received.", "method", "error");
        requests.with("method", "GetUser", "error", "false").add(3);
        metrics.histogram("request_duration_seconds", "Request duration.", new double[] {0.1, 1}, "method")
                .with("method", "GetUser").observe(0.5);
        server = HttpServer.builder().handler(new Router().get("/metrics", metrics.handler())).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> get(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheTextFormatByDefault() throws Exception {
        HttpResponse<String> r = get(null);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        Exposition e = Exposition.parse(r.body());
        assertFalse(e.eof);
        assertEquals("counter", e.types.get("requests_total"));
        assertEquals(3.0, e.value("requests_total", "method", "GetUser", "error", "false"));
        assertEquals(0.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "0.1"));
        assertEquals(1.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "1.0"));
        assertEquals(1.0, e.value("request_duration_seconds_count", "method", "GetUser"));
    }

    @Test
    void servesOpenMetricsWhenAskedTheWayPrometheusAsks() throws Exception {
        HttpResponse<String> r = get(PROMETHEUS_ACCEPT);
        assertEquals(200, r.statusCode());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().endsWith("# EOF\n"), r.body());
        Exposition e = Exposition.parse(r.body());
        assertTrue(e.eof);
        assertEquals("counter", e.types.get("requests"), "OpenMetrics names the counter family without _total");
        assertEquals(3.0, e.value("requests_total", "method", "GetUser", "error", "false"));
        assertEquals(1.0, e.value("request_duration_seconds_count", "method", "GetUser"));
    }

    @Test
    void otherAcceptHeadersGetText() throws Exception {
        HttpResponse<String> r = get("application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void anEmptyRegistryIsAnEmptyPage() throws Exception {
        try (HttpServer empty = HttpServer.builder()
                .handler(new Router().get("/metrics", MetricsHandler.of(new io.prometheus.metrics.model.registry.PrometheusRegistry())))
                .build().start()) {
            HttpResponse<String> text = CLIENT.send(HttpRequest.newBuilder(URI.create(empty.uri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("", text.body());
            HttpResponse<String> om = CLIENT.send(HttpRequest.newBuilder(URI.create(empty.uri() + "/metrics"))
                    .header("Accept", "application/openmetrics-text").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("# EOF\n", om.body());
        }
    }

    @Test
    void negotiation() {
        assertFalse(MetricsHandler.wantsOpenMetrics(null));
        assertFalse(MetricsHandler.wantsOpenMetrics(""));
        assertFalse(MetricsHandler.wantsOpenMetrics("text/plain"));
        assertFalse(MetricsHandler.wantsOpenMetrics("*/*"));
        assertTrue(MetricsHandler.wantsOpenMetrics(PROMETHEUS_ACCEPT));
        assertTrue(MetricsHandler.wantsOpenMetrics("application/openmetrics-text"));
        assertTrue(MetricsHandler.wantsOpenMetrics("Application/OpenMetrics-Text; version=1.0.0"));
        assertTrue(MetricsHandler.wantsOpenMetrics("text/plain;q=0.5, application/openmetrics-text;q=0.6"));
        assertTrue(MetricsHandler.wantsOpenMetrics("text/plain, application/openmetrics-text"), "a tie goes to OpenMetrics");
        assertFalse(MetricsHandler.wantsOpenMetrics("application/openmetrics-text;q=0.5, text/plain"));
        assertFalse(MetricsHandler.wantsOpenMetrics("application/openmetrics-text;q=0"));
        assertFalse(MetricsHandler.wantsOpenMetrics("application/openmetrics-text;q=x"));
    }
}
