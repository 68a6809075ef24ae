package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.transport.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway in front of real upstream HTTP servers ({@link EchoUpstream}), called over real sockets. */
class GatewayProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayFixture fx = new GatewayFixture();
    private final HttpClient http = fx.http();

    @AfterEach
    void closeAll() throws Exception {
        fx.close();
    }

    /** A port nothing listens on (bound, then closed). */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void routesByPrefixStripsSegmentsAndKeepsTheQuery() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                routes:
                  - id: api
                    path: /api/**
                    instances: ["%s"]
                    stripPrefix: 1
                """.formatted(a.address()));
        HttpResponse<String> r = fx.get(s, "/api/echo/x%20y?q=1&r=%2F");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("/echo/x%20y?q=1&r=%2F", GatewayFixture.json(r).get("uri").asText());
        assertEquals("a", r.headers().firstValue("X-Instance").orElseThrow());

        HttpResponse<String> none = fx.get(s, "/apix/echo");
        assertEquals(404, none.statusCode());
        assertEquals("not_found", GatewayFixture.json(none).get("code").asText());
    }

    @Test
    void matchesOnMethodAndHost() throws Exception {
        EchoUpstream a = fx.upstream("a");
        EchoUpstream b = fx.upstream("b");
        HttpServer s = fx.serve("""
                routes:
                  - id: writes
                    path: /echo
                    methods: [post]
                    instances: ["%s"]
                  - id: other-host
                    path: /echo
                    host: api.example.com
                    instances: ["%s"]
                  - id: reads
                    path: /echo
                    instances: ["%s"]
                """.formatted(a.address(), b.address(), a.address()));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("a", GatewayFixture.json(post).get("instance").asText());
        assertEquals(2, GatewayFixture.json(post).get("bodyBytes").asInt());
        String viaHost = rawExchange(s.port(), "GET /echo HTTP/1.1\r\nHost: API.example.com:8000\r\nConnection: close\r\n\r\n");
        assertTrue(viaHost.contains("\"instance\":\"b\""), viaHost);
        assertEquals("a", GatewayFixture.json(fx.get(s, "/echo")).get("instance").asText());
    }

    @Test
    void dropsHopByHopHeadersBothWaysAndPassesAuthorization() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                routes:
                  - id: all
                    path: /**
                    instances: ["%s"]
                """.formatted(a.address()));
        String answer = rawExchange(s.port(), "GET /echo HTTP/1.1\r\nHost: gw.test\r\n"
                + "Connection: close, X-Drop-Me\r\nX-Drop-Me: secret\r\nKeep-Alive: timeout=9\r\nTE: trailers\r\n"
                + "Trailer: X-Checksum\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "Proxy-Connection: keep-alive\r\nAuthorization: Bearer token-123\r\nX-Keep-Me: yes\r\n\r\n");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        JsonNode seen = JSON.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1)).get("headers");
        assertNotNull(seen, answer);
        for (String h : List.of("connection", "x-drop-me", "keep-alive", "te", "trailer",
                "proxy-authorization", "proxy-connection")) {
            assertNull(seen.get(h), h + " reached the upstream: " + seen);
        }
        assertEquals("Bearer token-123", seen.get("authorization").get(0).asText());
        assertEquals("yes", seen.get("x-keep-me").get(0).asText());
        assertEquals("gw.test", seen.get("x-forwarded-host").get(0).asText());
        assertFalse(head.contains("keep-alive: timeout=5"), head);
        assertFalse(head.contains("proxy-authenticate"), head);
        assertTrue(head.contains("x-instance: a"), head);
    }

    @Test
    void replacesSpoofedForwardingHeadersUnlessThePeerIsATrustedProxy() throws Exception {
        EchoUpstream a = fx.upstream("a");
        String routes = """
                routes:
                  - id: all
                    path: /**
                    instances: ["%s"]
                """.formatted(a.address());
        HttpServer s = fx.serve(routes);
        JsonNode seen = GatewayFixture.json(fx.get(s, "/echo", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example", "Forwarded", "for=6.6.6.6", "X-Real-IP", "6.6.6.6",
                "X-Forwarded-Port", "1")).get("headers");
        assertEquals(List.of("127.0.0.1"), texts(seen.get("x-forwarded-for")));
        assertEquals(List.of("http"), texts(seen.get("x-forwarded-proto")));
        assertTrue(seen.get("x-forwarded-host").get(0).asText().startsWith("127.0.0.1:"), seen.toString());
        assertNull(seen.get("forwarded"));
        assertNull(seen.get("x-real-ip"));
        assertNull(seen.get("x-forwarded-port"));

        HttpServer trusting = fx.serve("trustedProxies: [127.0.0.0/8]\n" + routes);
        JsonNode kept = GatewayFixture.json(fx.get(trusting, "/echo", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "shop.example")).get("headers");
        assertEquals(List.of("6.6.6.6, 127.0.0.1"), texts(kept.get("x-forwarded-for")));
        assertEquals(List.of("https"), texts(kept.get("x-forwarded-proto")));
        assertEquals(List.of("shop.example"), texts(kept.get("x-forwarded-host")));
    }

    @Test
    void relaysBodiesAsTheyAreAndAddsNoAcceptEncoding() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                routes:
                  - id: all
                    path: /**
                    instances: ["%s"]
                """.formatted(a.address()));
        JsonNode seen = GatewayFixture.json(fx.get(s, "/echo")).get("headers");
        assertNull(seen.get("accept-encoding"), "the gateway asked the upstream for a compression: " + seen);
        assertEquals("gzip, br", GatewayFixture.json(fx.get(s, "/echo", "Accept-Encoding", "gzip, br")).get("headers")
                .get("accept-encoding").get(0).asText(), "the client's own Accept-Encoding passes");

        HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/gzip")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        assertArrayEquals(EchoUpstream.GZIPPED, zipped.body(), "the compressed body is relayed as it came, not decoded");

        // bodies of known length up to 32 KiB are collected whole; larger ones (chunked here) stream
        for (int n : new int[] {0, 1, 32 << 10, (32 << 10) + 1, 100_000}) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/download?bytes=" + n))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(n, r.body().length);
            for (int i = 0; i < n; i++) {
                assertEquals(EchoUpstream.byteAt(i), r.body()[i], "byte " + i + " of " + n);
            }
        }
    }

    @Test
    void anAnswerCutShortIsA502() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> { // declares 100 bytes, sends 10, hangs up; each connection on its own
                while (!upstream.isClosed()) {   // thread (the client's pool may open one it does not use at once)
                    try {
                        Socket c = upstream.accept();
                        Thread.ofVirtual().start(() -> {
                            try (c) {
                                c.getInputStream().read(new byte[4096]);
                                c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"
                                        .getBytes(StandardCharsets.ISO_8859_1));
                            } catch (IOException ignored) {
                                // the gateway hung up first
                            }
                        });
                    } catch (IOException ignored) {
                        // closed by the test
                    }
                }
            });
            HttpServer s = fx.serve("""
                    routes:
                      - id: short
                        path: /**
                        instances: ["127.0.0.1:%d"]
                    """.formatted(upstream.getLocalPort()));
            HttpResponse<String> r = fx.get(s, "/short");
            assertEquals(502, r.statusCode(), r.body());
            assertEquals("bad_gateway", GatewayFixture.json(r).get("code").asText());
        }
    }

    @Test
    void answers502WhenNoInstanceAnswers503WhenNoneIsAvailable504OnTimeout() throws Exception {
        EchoUpstream slow = fx.upstream("slow");
        HttpServer s = fx.serve("""
                routes:
                  - id: dead
                    path: /dead/**
                    instances: ["127.0.0.1:%d"]
                  - id: empty
                    path: /empty/**
                    instances: []
                  - id: slow
                    path: /slow
                    instances: ["%s"]
                    timeout: 300ms
                """.formatted(deadPort(), slow.address()));
        HttpResponse<String> dead = fx.get(s, "/dead/echo");
        assertEquals(502, dead.statusCode(), dead.body());
        assertEquals("bad_gateway", GatewayFixture.json(dead).get("code").asText());
        assertEquals("no upstream instance answered", GatewayFixture.json(dead).get("error").asText());
        assertTrue(dead.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));

        HttpResponse<String> empty = fx.get(s, "/empty/echo");
        assertEquals(503, empty.statusCode(), empty.body());
        assertEquals("unavailable", GatewayFixture.json(empty).get("code").asText());

        HttpResponse<String> late = fx.get(s, "/slow?ms=3000");
        assertEquals(504, late.statusCode(), late.body());
        assertEquals("deadline_exceeded", GatewayFixture.json(late).get("code").asText());
    }

    @Test
    void retriesPastADeadInstanceAndItsBreakerOpens() throws Exception {
        EchoUpstream live = fx.upstream("live");
        int dead = deadPort();
        Gateway g = fx.gateway("""
                routes:
                  - id: pair
                    path: /**
                    instances: ["127.0.0.1:%d", "%s"]
                    breaker: {volume: 4, errorPercent: 50, sleepWindow: 60s}
                """.formatted(dead, live.address()), Gateway.builder());
        HttpServer s = fx.serve(g);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = fx.get(s, "/echo");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("live", GatewayFixture.json(r).get("instance").asText());
        }
        JsonNode view = GatewayFixture.json(fx.get(s, Gateway.ROUTES_PATH));
        JsonNode instances = view.get("upstreams").get(0).get("instances");
        assertEquals(2, instances.size(), view.toString());
        for (JsonNode i : instances) {
            String expect = i.get("address").asText().equals("127.0.0.1:" + dead) ? "OPEN" : "CLOSED";
            assertEquals(expect, i.get("breaker").asText(), view.toString());
        }
        assertEquals("pair", view.get("routes").get(0).get("id").asText());
    }

    @Test
    void retriesIdempotentRequestsOnA503ButNotPosts() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                routes:
                  - id: one
                    path: /**
                    instances: ["%s"]
                    attempts: 3
                """.formatted(a.address()));
        HttpResponse<String> got = fx.get(s, "/status/503");
        assertEquals(503, got.statusCode());
        assertEquals("a", GatewayFixture.json(got).get("from").asText(), "the last upstream answer is relayed");
        assertEquals(3, a.hits.get(), "a GET is tried three times");

        a.hits.set(0);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/status/503"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, posted.statusCode());
        assertEquals(1, a.hits.get(), "a POST the upstream has seen is not retried");

        a.hits.set(0);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/status/503"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, put.statusCode());
        assertEquals(1, a.hits.get(), "a body that was sent cannot be sent again");
    }

    @Test
    void retriesAnyMethodWhenTheConnectionFailed() throws Exception {
        EchoUpstream live = fx.upstream("live");
        HttpServer s = fx.serve("""
                routes:
                  - id: pair
                    path: /**
                    instances: ["127.0.0.1:%d", "%s"]
                    lb: round_robin
                """.formatted(deadPort(), live.address()));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("body-" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(6, GatewayFixture.json(r).get("bodyBytes").asInt());
        }
    }

    @Test
    void adminViewHealthAndMetrics() throws Exception {
        EchoUpstream a = fx.upstream("a");
        PrometheusMetrics pm = PrometheusMetrics.create();
        GatewayMetrics gm = new GatewayMetrics(
                pm.counter("kit4j_gateway_requests_total", "requests", "route", "code"),
                pm.histogram("kit4j_gateway_request_duration_seconds", "duration", "route"),
                pm.counter("kit4j_gateway_upstream_requests_total", "attempts", "upstream", "instance", "outcome"));
        Gateway g = fx.gateway("""
                routes:
                  - id: api
                    path: /api/**
                    instances: ["%s"]
                    stripPrefix: 1
                    lb: least_outstanding
                """.formatted(a.address()), Gateway.builder().metrics(gm).metricsHandler(pm.handler()));
        HttpServer s = fx.serve(g);
        HttpResponse<String> echoed = fx.get(s, "/api/echo");
        assertEquals(200, echoed.statusCode(), echoed.body());
        assertEquals(200, fx.get(s, "/health").statusCode());
        String metrics = fx.get(s, "/metrics").body();
        assertTrue(metrics.contains("kit4j_gateway_requests_total{code=\"200\",route=\"api\"} 1"), metrics);
        assertTrue(metrics.contains("kit4j_gateway_upstream_requests_total{instance=\"" + a.address()
                + "\",outcome=\"200\",upstream=\"api\"} 1"), metrics);
        JsonNode view = GatewayFixture.json(fx.get(s, Gateway.ROUTES_PATH));
        assertEquals("least_outstanding", view.get("routes").get(0).get("lb").asText());
        assertEquals(a.address(), view.get("upstreams").get(0).get("instances").get(0).get("address").asText());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(s.uri() + Gateway.ROUTES_PATH))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void anInvalidConfigChangesNothingAndSaysWhichRoute() throws Exception {
        EchoUpstream a = fx.upstream("a");
        Gateway g = fx.gateway("""
                routes:
                  - id: api
                    path: /api/**
                    instances: ["%s"]
                """.formatted(a.address()), Gateway.builder());
        for (String bad : List.of(
                "routes:\n  - id: x\n    path: nope\n    instances: []\n",
                "routes:\n  - id: x\n    path: /x\n    service: users\n",
                "routes:\n  - id: x\n    path: /x\n    instances: [a b]\n",
                "routes:\n  - id: x\n    path: /x\n    instances: []\n    timeout: soon\n",
                "routes:\n  - id: x\n    path: /x\n    instances: []\n    lb: fastest\n",
                "routes:\n  - id: x\n    path: /x\n    instances: []\n    rateLimit: {perSecond: 0}\n",
                "routes:\n  - id: x\n    path: /x\n    instances: []\n    rateLimit: {perSecond: 1, key: token}\n",
                "routes:\n  - id: x\n    path: /x\n    instances: []\n  - id: x\n    path: /y\n    instances: []\n")) {
            try {
                g.apply(RoutesFile.parse(bad));
                throw new AssertionError("accepted: " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("route "), e.getMessage());
            }
        }
        IllegalArgumentException typo = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RoutesFile.parse("routes:\n  - id: x\n    path: /x\n    instances: []\n    stripprefix: 1\n"));
        assertTrue(typo.getMessage().contains("stripprefix"), typo.getMessage());
        IllegalArgumentException yaml = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RoutesFile.parse("routes: [broken"));
        assertTrue(yaml.getMessage().contains("line 1"), yaml.getMessage());
        assertEquals(List.of("api"), g.routeIds());
    }

    @Test
    void aRateLimitedRouteAnswers429PerClientBeforeCallingTheUpstream() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                trustedProxies: [127.0.0.1]
                routes:
                  - id: limited
                    path: /limited/**
                    stripPrefix: 1
                    instances: ["%s"]
                    rateLimit: {perSecond: 0.01, burst: 2}
                  - id: open
                    path: /**
                    instances: ["%s"]
                """.formatted(a.address(), a.address()));
        assertEquals(200, fx.get(s, "/limited/echo", "X-Forwarded-For", "1.1.1.1").statusCode());
        assertEquals(200, fx.get(s, "/limited/echo", "X-Forwarded-For", "1.1.1.1, 10.0.0.1").statusCode());
        HttpResponse<String> refused = fx.get(s, "/limited/echo", "X-Forwarded-For", "1.1.1.1");
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("resource_exhausted", GatewayFixture.json(refused).get("code").asText());
        assertEquals("100", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(2, a.hits.get(), "a refused request never reaches the upstream");
        assertEquals(200, fx.get(s, "/limited/echo", "X-Forwarded-For", "2.2.2.2").statusCode(), "another client has its own bucket");
        assertEquals(200, fx.get(s, "/echo").statusCode(), "another route is not limited");
        JsonNode view = GatewayFixture.json(fx.get(s, Gateway.ROUTES_PATH));
        assertEquals(0.01, view.get("routes").get(0).get("rateLimit").get("perSecond").asDouble());
    }

    @Test
    void requestBodyLimitOfTheServerApplies() throws Exception {
        EchoUpstream a = fx.upstream("a");
        Gateway g = fx.gateway("routes:\n  - id: all\n    path: /**\n    instances: [\"" + a.address() + "\"]\n",
                Gateway.builder());
        HttpServer s = HttpServer.builder().maxRequestBodyBytes(1024).handler(g).build().start();
        fx.add(s);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertEquals(0, a.hits.get());
    }

    private static List<String> texts(JsonNode array) {
        assertNotNull(array);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Sends {@code request} as typed over a raw socket and reads the answer until the server closes. */
    static String rawExchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
