package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server and client hooks over real sockets (kit4j-http's Jetty server and client on 127.0.0.1),
 * with the spans read from the OpenTelemetry SDK's in-memory exporter: W3C and B3 headers in and out,
 * parent/child links across the wire, and the HTTP attributes.
 */
class HttpTracingTest {
    static final JsonCodec JSON = JsonCodec.defaults();
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static final HttpClient JDK = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Name(String result) {
    }

    final InMemoryTracing otel = new InMemoryTracing();
    final Map<String, String> headersSeen = new ConcurrentHashMap<>();
    HttpServer server;

    @BeforeEach
    void start() {
        Endpoint<Long, Name> getName = otel.tracing.<Long, Name>middleware("GetName").apply((ctx, uid) -> {
            if (uid == 500) {
                throw new IllegalStateException("database down");
            }
            if (uid == 404) {
                throw KitError.notFound("user 404 not found");
            }
            return new Name(uid == 101 ? "shenyi" : "guest");
        });
        Router router = new Router()
                .get("/user/{uid:\\d+}", EndpointHandler.builder(getName, (ctx, r) -> {
                    for (String h : List.of("traceparent", "X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled")) {
                        if (r.header(h) != null) {
                            headersSeen.put(h, r.header(h));
                        }
                    }
                    return r.pathLong("uid");
                }, JSON.encoder()).build());
        server = HttpServer.builder().port(0).handler(otel.tracing.httpServer().wrap(router)).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        otel.close();
    }

    Endpoint<Long, Name> client(URI base) {
        return otel.tracing.httpClient().apply(ClientEndpoint.<Long, Name>builder("GET", base,
                (ctx, req, uid) -> req.path("/user/" + uid), JSON.responseDecoder(Name.class))
                .timeout(Duration.ofSeconds(10))).build();
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return JDK.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sampled bit of a traceparent's flags (OpenTelemetry also sets W3C level 2's random-id bit, 0x02). */
    static boolean sampledFlag(String traceparent) {
        return (Integer.parseInt(traceparent.substring(traceparent.lastIndexOf('-') + 1), 16) & 1) == 1;
    }

    SpanData server() {
        List<SpanData> s = otel.spans().stream().filter(d -> d.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, s.size(), otel.spans().toString());
        return s.get(0);
    }

    @Test
    void clientToServerIsOneTraceWithParentLinksAndBothHeaderFormats() throws Exception {
        Span root = otel.tracing.tracer().spanBuilder("caller").startSpan();
        Context ctx = TracingContext.with(Context.background(), io.opentelemetry.context.Context.root().with(root));
        assertEquals("shenyi", client(server.uri()).call(ctx, 101L).result());
        root.end();

        SpanData caller = otel.only("caller");
        SpanData clientSpan = otel.only("GET");
        SpanData serverSpan = otel.only("GET /user/{uid:\\d+}");
        SpanData endpoint = otel.only("GetName");
        for (SpanData s : List.of(clientSpan, serverSpan, endpoint)) {
            assertEquals(caller.getTraceId(), s.getTraceId(), s.getName());
        }
        assertEquals(caller.getSpanId(), clientSpan.getParentSpanId());
        assertEquals(clientSpan.getSpanId(), serverSpan.getParentSpanId());
        assertTrue(serverSpan.getParentSpanContext().isRemote());
        assertEquals(serverSpan.getSpanId(), endpoint.getParentSpanId());
        assertEquals(SpanKind.CLIENT, clientSpan.getKind());
        assertEquals(SpanKind.SERVER, serverSpan.getKind());

        String tp = headersSeen.get("traceparent");
        assertTrue(tp.startsWith("00-" + caller.getTraceId() + "-" + clientSpan.getSpanId() + "-"), tp);
        assertTrue(sampledFlag(tp), "sampled: " + tp);
        assertEquals(caller.getTraceId(), headersSeen.get("X-B3-TraceId"));
        assertEquals(clientSpan.getSpanId(), headersSeen.get("X-B3-SpanId"));
        assertEquals("1", headersSeen.get("X-B3-Sampled"));

        var c = clientSpan.getAttributes();
        assertEquals("GET", c.get(HttpAttributes.HTTP_REQUEST_METHOD));
        assertEquals("127.0.0.1", c.get(ServerAttributes.SERVER_ADDRESS));
        assertEquals((long) server.port(), c.get(ServerAttributes.SERVER_PORT));
        assertEquals("http://127.0.0.1:" + server.port() + "/user/101", c.get(UrlAttributes.URL_FULL));
        assertEquals(200L, c.get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.UNSET, clientSpan.getStatus().getStatusCode());

        var s = serverSpan.getAttributes();
        assertEquals("GET", s.get(HttpAttributes.HTTP_REQUEST_METHOD));
        assertEquals("/user/101", s.get(UrlAttributes.URL_PATH));
        assertEquals("http", s.get(UrlAttributes.URL_SCHEME));
        assertEquals("/user/{uid:\\d+}", s.get(HttpAttributes.HTTP_ROUTE));
        assertEquals(200L, s.get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("127.0.0.1", s.get(ServerAttributes.SERVER_ADDRESS));
        assertEquals((long) server.port(), s.get(ServerAttributes.SERVER_PORT));
        assertEquals("127.0.0.1", s.get(ClientAttributes.CLIENT_ADDRESS));
        assertEquals("1.1", s.get(AttributeKey.stringKey("network.protocol.version")));
        assertTrue(s.get(AttributeKey.longKey("http.response.body.size")) > 0);
    }

    @Test
    void anIncomingTraceparentIsContinued() throws Exception {
        assertEquals(200, get("/user/1", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01")).statusCode());
        SpanData s = server();
        assertEquals(TRACE, s.getTraceId());
        assertEquals(PARENT, s.getParentSpanId());
        assertEquals(TRACE, otel.only("GetName").getTraceId());
    }

    @Test
    void incomingB3MultiHeadersAreContinued() throws Exception {
        get("/user/1", Map.of("X-B3-TraceId", TRACE, "X-B3-SpanId", PARENT, "X-B3-Sampled", "1"));
        SpanData s = server();
        assertEquals(TRACE, s.getTraceId());
        assertEquals(PARENT, s.getParentSpanId());
    }

    @Test
    void anIncomingSingleB3HeaderIsContinued() throws Exception {
        get("/user/1", Map.of("b3", TRACE + "-" + PARENT + "-1"));
        SpanData s = server();
        assertEquals(TRACE, s.getTraceId());
        assertEquals(PARENT, s.getParentSpanId());
    }

    @Test
    void w3cWinsWhenBothFormatsDisagree() throws Exception {
        get("/user/1", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01",
                "X-B3-TraceId", "0af7651916cd43dd8448eb211c80319c", "X-B3-SpanId", "b7ad6b7169203331", "X-B3-Sampled", "1"));
        assertEquals(TRACE, server().getTraceId());
    }

    @Test
    void anIncomingUnsampledDecisionIsKeptAndPassedOn() throws Exception {
        get("/user/1", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-00"));
        assertTrue(otel.spans().isEmpty(), "parent-based sampling: nothing recorded " + otel.spans());
    }

    @Test
    void withoutHeadersTheServerStartsANewTrace() throws Exception {
        get("/user/1", Map.of());
        assertFalse(server().getParentSpanContext().isValid());
    }

    @Test
    void aServerFailureIs5xxWithStatusErrorAndAClientErrorIsNot() throws Exception {
        assertEquals(500, get("/user/500", Map.of()).statusCode());
        SpanData s = server();
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals("500", s.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        assertEquals(500L, s.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(StatusCode.ERROR, otel.only("GetName").getStatus().getStatusCode());

        otel.exporter.reset();
        assertEquals(404, get("/user/404", Map.of()).statusCode());
        SpanData notFound = server();
        assertEquals(StatusCode.UNSET, notFound.getStatus().getStatusCode(), "a 4xx is not the server's error");
        assertEquals(404L, notFound.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertNull(notFound.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    }

    @Test
    void anUnroutedRequestIsTracedByTheWrapperWithoutARoute() throws Exception {
        assertEquals(404, get("/nowhere", Map.of()).statusCode());
        SpanData s = server();
        assertEquals("GET", s.getName());
        assertNull(s.getAttributes().get(HttpAttributes.HTTP_ROUTE));
        assertEquals(404L, s.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("/nowhere", s.getAttributes().get(UrlAttributes.URL_PATH));
    }

    @Test
    void aClientSeeingA4xxMarksItsSpanAsError() throws Exception {
        assertThrows(KitError.class, () -> client(server.uri()).call(Context.background(), 404L));
        SpanData c = otel.only("GET");
        assertEquals(SpanKind.CLIENT, c.getKind());
        assertEquals(StatusCode.ERROR, c.getStatus().getStatusCode());
        assertEquals("404", c.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        assertEquals(404L, c.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
    }

    @Test
    void aRefusedConnectionIsRecordedOnTheClientSpan() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        KitError e = assertThrows(KitError.class,
                () -> client(URI.create("http://127.0.0.1:" + closed)).call(Context.background(), 1L));
        assertEquals(503, e.code().status());
        SpanData c = otel.only("GET");
        assertEquals(StatusCode.ERROR, c.getStatus().getStatusCode());
        assertEquals(KitError.class.getName(), c.getAttributes().get(ErrorAttributes.ERROR_TYPE));
        assertNull(c.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("exception", c.getEvents().get(0).getName());
    }

    @Test
    void theEndpointHandlerHooksTraceLikeTheWrapper() throws Exception {
        HttpServerTracing hooks = otel.tracing.httpServer();
        Router r = new Router().get("/hello/{who}", EndpointHandler.builder(
                otel.tracing.<String, Name>middleware("Hello").apply((ctx, who) -> new Name("hello " + who)),
                (ctx, req) -> req.pathVariable("who"), JSON.encoder())
                .before(hooks.before()).finalizer(hooks.finalizer()).build());
        try (HttpServer hooked = HttpServer.builder().port(0).handler(r).build().start()) {
            HttpResponse<String> resp = JDK.send(HttpRequest.newBuilder(URI.create(hooked.uri() + "/hello/ann"))
                    .header("traceparent", "00-" + TRACE + "-" + PARENT + "-01").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
        }
        SpanData s = otel.only("GET /hello/{who}");
        assertEquals(TRACE, s.getTraceId());
        assertEquals(PARENT, s.getParentSpanId());
        assertEquals("/hello/{who}", s.getAttributes().get(HttpAttributes.HTTP_ROUTE));
        assertEquals(200L, s.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(s.getSpanId(), otel.only("Hello").getParentSpanId());
        assertFalse(Span.current().getSpanContext().isValid());
    }

    @Test
    void anUnsampledCallerStillPropagatesItsIds() throws Exception {
        try (InMemoryTracing off = new InMemoryTracing(Sampler.alwaysOff())) {
            Span root = off.tracing.tracer().spanBuilder("caller").startSpan();
            Context ctx = TracingContext.with(Context.background(), io.opentelemetry.context.Context.root().with(root));
            off.tracing.httpClient().apply(ClientEndpoint.<Long, Name>builder("GET", server.uri(),
                    (c, req, uid) -> req.path("/user/" + uid), JSON.responseDecoder(Name.class))).build().call(ctx, 1L);
            root.end();
            String tp = headersSeen.get("traceparent");
            assertNotNull(tp);
            assertTrue(tp.startsWith("00-" + root.getSpanContext().getTraceId() + "-"), tp);
            assertFalse(sampledFlag(tp), "not sampled: " + tp);
            assertEquals("0", headersSeen.get("X-B3-Sampled"));
            assertTrue(otel.spans().isEmpty(), "the server keeps the caller's decision: " + otel.spans());
        }
    }
}
