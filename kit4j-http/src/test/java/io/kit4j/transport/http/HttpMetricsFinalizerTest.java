package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kit4j.errors.KitError;
import io.kit4j.metrics.LabelValues;
import io.kit4j.metrics.inmemory.InMemoryCounter;
import io.kit4j.metrics.inmemory.InMemoryHistogram;
import io.kit4j.time.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpMetricsFinalizerTest {
    final ManualClock clock = new ManualClock();
    final InMemoryCounter requests = new InMemoryCounter("http_requests_total");
    final InMemoryHistogram duration = new InMemoryHistogram("http_request_duration_seconds");
    final InMemoryHistogram size = new InMemoryHistogram("http_response_size_bytes");
    final List<String> templates = new CopyOnWriteArrayList<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static LabelValues labels(String method, String route, int status) {
        return LabelValues.of("method", method, "route", route, "status", String.valueOf(status));
    }

    HttpMetricsFinalizer finalizer() {
        return HttpMetricsFinalizer.builder().requests(requests).duration(duration).responseSize(size).build();
    }

    Router router() {
        return new Router()
                .get("/users/{id}", (ctx, req, resp) -> {
                    templates.add(req.routeTemplate());
                    clock.advance(Duration.ofMillis(40));
                    resp.contentType("text/plain").write(("user " + req.pathVariable("id")).getBytes(StandardCharsets.UTF_8));
                })
                .post("/users", (ctx, req, resp) -> {
                    clock.advance(Duration.ofMillis(5));
                    throw KitError.invalidArgument("name is required");
                });
    }

    @Test
    void recordsCountDurationAndSizeByMethodRouteTemplateAndStatus() throws Exception {
        server = HttpServer.builder().handler(router()).clock(clock).finalizer(finalizer()).build().start();
        assertEquals(200, Http.get(server, "/users/7").statusCode());
        assertEquals(200, Http.get(server, "/users/12345").statusCode());
        assertEquals(400, Http.send(server, "POST", "/users", "{}").statusCode());
        assertEquals(404, Http.get(server, "/nope").statusCode());
        assertEquals(405, Http.send(server, "DELETE", "/users", null).statusCode());

        assertEquals(List.of("/users/{id}", "/users/{id}"), templates);
        assertEquals(Map.of(
                labels("GET", "/users/{id}", 200), 2.0,
                labels("POST", "/users", 400), 1.0,
                labels("GET", "unmatched", 404), 1.0,
                labels("DELETE", "unmatched", 405), 1.0), requests.values());
        InMemoryHistogram ok = duration.with("method", "GET", "route", "/users/{id}", "status", "200");
        assertEquals(2, ok.count());
        assertEquals(0.08, ok.sum(), 1e-12);
        assertEquals(0.005, duration.with(labels("POST", "/users", 400).asList().toArray(String[]::new)).sum(), 1e-12);
        InMemoryHistogram okSize = size.with("method", "GET", "route", "/users/{id}", "status", "200");
        assertEquals(6.0, okSize.quantile(0));
        assertEquals(10.0, okSize.quantile(1));
        assertEquals(0.0, duration.with("method", "GET", "route", "unmatched", "status", "404").sum());
    }

    @Test
    void nonStandardMethodsShareOneLabel() throws Exception {
        server = HttpServer.builder().handler(router()).clock(clock).finalizer(finalizer()).build().start();
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/users/1"))
                .method("BREW", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(501, r.statusCode()); // an unknown method: the Router answers 501 Not Implemented
        assertEquals(1.0, requests.with("method", "OTHER", "route", "unmatched", "status", "501").value());
    }

    @Test
    void onAnEndpointHandlerItTimesFromTheHandlersStart() throws Exception {
        EndpointHandler<String, String> h = EndpointHandler.<String, String>builder((ctx, q) -> {
            clock.advance(Duration.ofMillis(7));
            return q;
        }, (ctx, req) -> req.pathVariable("name"), JsonCodec.defaults().encoder()).finalizer(finalizer()).build();
        server = HttpServer.builder().handler(new Router().get("/echo/{name}", h)).clock(clock).build().start();
        HttpResponse<String> r = Http.get(server, "/echo/bob");
        assertEquals("\"bob\"\n", r.body());
        InMemoryHistogram d = duration.with("method", "GET", "route", "/echo/{name}", "status", "200");
        assertEquals(1, d.count());
        assertEquals(0.007, d.sum(), 1e-12);
        assertEquals(6.0, size.with("method", "GET", "route", "/echo/{name}", "status", "200").sum());
    }

    @Test
    void routeTemplateIsNullWithoutARouter() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = HttpServer.builder().handler((ctx, req, resp) -> seen.add(String.valueOf(req.routeTemplate())))
                .finalizer(finalizer()).build().start();
        Http.get(server, "/anything");
        assertEquals(List.of("null"), seen);
        assertEquals(1.0, requests.with("method", "GET", "route", "unmatched", "status", "200").value());
    }
}
