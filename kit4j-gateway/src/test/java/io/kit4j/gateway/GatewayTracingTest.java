package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.tracing.Tracing;
import io.kit4j.tracing.TracingSetup;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.ServerRequest;
import io.kit4j.transport.http.ServerResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.ServiceAttributes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing through the gateway over real sockets: client → gateway (its own OpenTelemetry SDK, service
 * {@code gateway}) → upstream kit4j-http services (another SDK, service {@code upstream}), both exporting
 * to the SDK's in-memory exporter. One trace: gateway SERVER → gateway CLIENT per attempt → upstream
 * SERVER, with the parent links, attributes and headers checked.
 */
class GatewayTracingTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static final AttributeKey<String> SERVICE = ServiceAttributes.SERVICE_NAME;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final List<AutoCloseable> closers = new ArrayList<>();
    final List<Map<String, String>> upstreamSaw = new CopyOnWriteArrayList<>();
    final AtomicInteger hits = new AtomicInteger();
    Tracing gatewayTracing;
    Tracing upstreamTracing;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
    }

    Tracing tracing(String service, double ratio) {
        Tracing t = TracingSetup.builder(service).exporter(exporter).sampleRatio(ratio)
                .exportInterval(Duration.ofMillis(20)).build();
        closers.add(t);
        return t;
    }

    /** An upstream instance, traced: answers 503 to the first {@code failFirst} requests (over all instances). */
    HttpServer upstream(int failFirst) {
        HttpServer s = HttpServer.builder().handler(upstreamTracing.httpServer().wrap(
                (io.kit4j.context.Context ctx, ServerRequest req, ServerResponse resp) -> {
                    Map<String, String> seen = new ConcurrentHashMap<>();
                    for (String h : req.headerNames()) {
                        seen.put(h.toLowerCase(java.util.Locale.ROOT), req.header(h));
                    }
                    upstreamSaw.add(seen);
                    int n = hits.getAndIncrement();
                    resp.status(n < failFirst ? 503 : 200).contentType("text/plain")
                            .write("ok".getBytes(StandardCharsets.UTF_8));
                })).build().start();
        closers.add(s::stop);
        return s;
    }

    HttpServer gateway(Tracing tracing, String... instances) {
        Gateway.Builder b = Gateway.builder().routes(RoutesFile.parse("""
                routes:
                  - id: api
                    path: /api/**
                    stripPrefix: 1
                    instances: [%s]
                """.formatted(String.join(", ", java.util.Arrays.stream(instances).map(i -> "\"" + i + "\"").toList()))));
        if (tracing != null) {
            b.tracing(tracing);
        }
        Gateway g = b.build();
        closers.add(g);
        HttpServer s = HttpServer.builder().handler(g).build().start();
        closers.add(s::stop);
        return s;
    }

    HttpResponse<String> get(HttpServer s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.uri() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<SpanData> spans() {
        gatewayTracing.flush(Duration.ofSeconds(10));
        if (upstreamTracing != null) {
            upstreamTracing.flush(Duration.ofSeconds(10));
        }
        return exporter.getFinishedSpanItems();
    }

    static List<SpanData> of(List<SpanData> spans, String service, SpanKind kind) {
        return spans.stream().filter(s -> service.equals(s.getResource().getAttribute(SERVICE)) && s.getKind() == kind)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    static SpanData one(List<SpanData> spans, String service, SpanKind kind) {
        List<SpanData> found = of(spans, service, kind);
        assertEquals(1, found.size(), service + " " + kind + " in " + spans);
        return found.get(0);
    }

    static String addr(HttpServer s) {
        return "127.0.0.1:" + s.port();
    }

    @Test
    void aRequestIsOneTraceFromTheGatewayThroughItsAttemptToTheUpstream() throws Exception {
        gatewayTracing = tracing("gateway", 1);
        upstreamTracing = tracing("upstream", 1);
        HttpServer up = upstream(0);
        HttpServer gw = gateway(gatewayTracing, addr(up));
        assertEquals(200, get(gw, "/api/echo?q=1").statusCode());

        List<SpanData> spans = spans();
        assertEquals(3, spans.size(), spans.toString());
        SpanData server = one(spans, "gateway", SpanKind.SERVER);
        SpanData client = one(spans, "gateway", SpanKind.CLIENT);
        SpanData upstream = one(spans, "upstream", SpanKind.SERVER);
        assertFalse(server.getParentSpanContext().isValid(), "a new trace");
        assertEquals(server.getTraceId(), client.getTraceId());
        assertEquals(server.getTraceId(), upstream.getTraceId());
        assertEquals(server.getSpanId(), client.getParentSpanId());
        assertEquals(client.getSpanId(), upstream.getParentSpanId());

        assertEquals("GET /api/**", server.getName());
        assertEquals("/api/**", server.getAttributes().get(HttpAttributes.HTTP_ROUTE));
        assertEquals("api", server.getAttributes().get(GatewayTracing.ROUTE_ID));
        assertEquals(200L, server.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("GET", client.getName());
        assertEquals("127.0.0.1", client.getAttributes().get(ServerAttributes.SERVER_ADDRESS));
        assertEquals((long) up.port(), client.getAttributes().get(ServerAttributes.SERVER_PORT));
        assertEquals(200L, client.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertNull(client.getAttributes().get(GatewayTracing.RESEND_COUNT));
        assertEquals(StatusCode.UNSET, client.getStatus().getStatusCode());

        Map<String, String> saw = upstreamSaw.get(0);
        assertEquals("00-" + server.getTraceId() + "-" + client.getSpanId() + "-01", saw.get("traceparent").replaceFirst("-03$", "-01"));
        assertEquals(server.getTraceId(), saw.get("x-b3-traceid"));
        assertEquals(client.getSpanId(), saw.get("x-b3-spanid"));
    }

    @Test
    void retriesAreSiblingClientSpansEachContinuedUpstream() throws Exception {
        gatewayTracing = tracing("gateway", 1);
        upstreamTracing = tracing("upstream", 1);
        HttpServer a = upstream(1);
        HttpServer b = upstream(1);
        HttpServer gw = gateway(gatewayTracing, addr(a), addr(b));
        assertEquals(200, get(gw, "/api/echo").statusCode());

        List<SpanData> spans = spans();
        SpanData server = one(spans, "gateway", SpanKind.SERVER);
        List<SpanData> attempts = of(spans, "gateway", SpanKind.CLIENT);
        List<SpanData> upstreams = of(spans, "upstream", SpanKind.SERVER);
        assertEquals(2, attempts.size(), spans.toString());
        assertEquals(2, upstreams.size(), spans.toString());
        for (SpanData attempt : attempts) {
            assertEquals(server.getSpanId(), attempt.getParentSpanId(), "siblings under the gateway's span");
        }
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertEquals(503L, first.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
        assertEquals("503", first.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        assertEquals(200L, second.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(1L, second.getAttributes().get(GatewayTracing.RESEND_COUNT));
        assertNotEquals(first.getAttributes().get(ServerAttributes.SERVER_PORT),
                second.getAttributes().get(ServerAttributes.SERVER_PORT), "the retry went to the other instance");
        assertEquals(first.getSpanId(), upstreams.get(0).getParentSpanId());
        assertEquals(second.getSpanId(), upstreams.get(1).getParentSpanId());
        assertEquals(200L, server.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
    }

    @Test
    void anIncomingTraceparentIsContinuedAndTheClientsTraceHeadersAreReplacedUpstream() throws Exception {
        gatewayTracing = tracing("gateway", 1);
        upstreamTracing = tracing("upstream", 1);
        HttpServer up = upstream(0);
        HttpServer gw = gateway(gatewayTracing, addr(up));
        assertEquals(200, get(gw, "/api/echo", "traceparent", "00-" + TRACE + "-" + PARENT + "-01",
                "X-B3-TraceId", "0af7651916cd43dd8448eb211c80319c", "X-B3-SpanId", "b7ad6b7169203331",
                "b3", "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1").statusCode());

        List<SpanData> spans = spans();
        SpanData server = one(spans, "gateway", SpanKind.SERVER);
        SpanData client = one(spans, "gateway", SpanKind.CLIENT);
        SpanData upstream = one(spans, "upstream", SpanKind.SERVER);
        assertEquals(TRACE, server.getTraceId());
        assertEquals(PARENT, server.getParentSpanId());
        assertEquals(TRACE, upstream.getTraceId());
        assertEquals(client.getSpanId(), upstream.getParentSpanId());
        Map<String, String> saw = upstreamSaw.get(0);
        assertEquals("00-" + TRACE + "-" + client.getSpanId() + "-01", saw.get("traceparent"));
        assertEquals(TRACE, saw.get("x-b3-traceid"), "the client's B3 ids are replaced");
        assertEquals(client.getSpanId(), saw.get("x-b3-spanid"));
        assertNull(saw.get("b3"), "the client's single b3 header is not passed on: " + saw);
    }

    @Test
    void anUnsampledCallerIsFollowedWithoutSpansAndItsTraceGoesUpstream() throws Exception {
        gatewayTracing = tracing("gateway", 1);
        HttpServer up = upstreamUntraced();
        HttpServer gw = gateway(gatewayTracing, addr(up));
        assertEquals(200, get(gw, "/api/echo", "traceparent", "00-" + TRACE + "-" + PARENT + "-00").statusCode());
        assertTrue(spans().isEmpty(), spans().toString());
        String tp = upstreamSaw.get(0).get("traceparent");
        assertTrue(tp.startsWith("00-" + TRACE + "-") && tp.endsWith("-00"), tp);
        assertNotEquals(PARENT, tp.substring(36, 52), "the gateway's own span id: " + tp);
    }

    @Test
    void anUpstreamThatCannotBeReachedIsAnErrorOnTheAttemptAndTheRequest() throws Exception {
        gatewayTracing = tracing("gateway", 1);
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        HttpServer gw = gateway(gatewayTracing, "127.0.0.1:" + dead);
        int status = get(gw, "/api/echo").statusCode();
        assertTrue(status == 502 || status == 503, "status " + status);

        List<SpanData> spans = spans();
        SpanData server = one(spans, "gateway", SpanKind.SERVER);
        assertEquals((long) status, server.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        SpanData attempt = of(spans, "gateway", SpanKind.CLIENT).get(0);
        assertEquals(server.getSpanId(), attempt.getParentSpanId());
        assertEquals(StatusCode.ERROR, attempt.getStatus().getStatusCode());
        assertNull(attempt.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(UpstreamException.class.getName(), attempt.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        assertEquals("exception", attempt.getEvents().get(0).getName());
    }

    @Test
    void withoutTracingTheGatewayPassesTheClientsTraceHeadersAsTheyAre() throws Exception {
        HttpServer up = upstreamUntraced();
        HttpServer gw = gateway(null, addr(up));
        String tp = "00-" + TRACE + "-" + PARENT + "-01";
        assertEquals(200, get(gw, "/api/echo", "traceparent", tp, "b3", TRACE + "-" + PARENT + "-1").statusCode());
        assertEquals(tp, upstreamSaw.get(0).get("traceparent"));
        assertEquals(TRACE + "-" + PARENT + "-1", upstreamSaw.get(0).get("b3"));
    }

    /** An upstream without tracing of its own, recording the headers it got. */
    HttpServer upstreamUntraced() throws IOException {
        HttpServer s = HttpServer.builder().handler((ctx, req, resp) -> {
            Map<String, String> seen = new ConcurrentHashMap<>();
            for (String h : req.headerNames()) {
                seen.put(h.toLowerCase(java.util.Locale.ROOT), req.header(h));
            }
            upstreamSaw.add(seen);
            resp.status(200).write("ok".getBytes(StandardCharsets.UTF_8));
        }).build().start();
        closers.add(s::stop);
        return s;
    }
}
