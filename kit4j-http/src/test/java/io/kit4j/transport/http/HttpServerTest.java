package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.ContextKey;
import io.kit4j.errors.KitError;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    record Greeting(String name, int times) {
    }

    record Reply(String text) {
    }

    static final ContextKey<String> TRACE = new ContextKey<>("trace");
    static final JsonCodec JSON = JsonCodec.defaults();

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    HttpServer start(Router router) {
        server = HttpServer.builder().handler(router).maxRequestBodyBytes(1024).build().start();
        return server;
    }

    @Test
    void runsHooksDecodeEndpointEncodeAndFinalizersInGoKitOrder() throws Exception {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> finalized = new AtomicReference<>();
        EndpointHandler<Greeting, Reply> h = EndpointHandler.<Greeting, Reply>builder((ctx, g) -> {
            steps.add("endpoint:" + ctx.get(TRACE));
            if (g.times() < 0) {
                throw KitError.invalidArgument("times must not be negative");
            }
            return new Reply("hello " + g.name() + " x" + g.times());
        }, (ctx, r) -> {
            steps.add("decode:" + ctx.get(TRACE));
            return JSON.read(r.body(), Greeting.class);
        }, JSON.encoder())
                .before((ctx, r) -> {
                    steps.add("before1");
                    return ctx.with(TRACE, r.header("X-Trace"));
                }, (ctx, r) -> {
                    steps.add("before2:" + ctx.get(TRACE));
                    return ctx;
                })
                .after((ctx, resp) -> {
                    steps.add("after");
                    resp.header("X-After", "yes");
                    return ctx;
                })
                .errorHandler((ctx, err) -> steps.add("errorHandler:" + err.getMessage()))
                .finalizer((ctx, status, req) -> finalized.set(status + " " + ctx.get(HttpContextKeys.RESPONSE_SIZE)
                        + " " + ctx.get(HttpContextKeys.RESPONSE_HEADERS).get("X-After") + " "
                        + (ctx.get(HttpContextKeys.ERROR) == null ? "-" : ctx.get(HttpContextKeys.ERROR).getMessage())
                        + " " + ctx.get(TRACE)))
                .build();
        start(new Router().post("/greet", h));

        HttpRequest req = HttpRequest.newBuilder(URI.create(server.uri() + "/greet")).header("X-Trace", "t1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"times\":2}")).build();
        HttpResponse<String> ok = Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals("{\"text\":\"hello ann x2\"}\n", ok.body());
        assertEquals("application/json; charset=utf-8", ok.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("yes", ok.headers().firstValue("X-After").orElseThrow());
        assertEquals(List.of("before1", "before2:t1", "decode:t1", "endpoint:t1", "after"), steps);
        waitFor(() -> finalized.get() != null);
        assertEquals("200 24 [yes] - t1", finalized.get());

        steps.clear();
        finalized.set(null);
        HttpResponse<String> bad = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/greet"))
                .header("X-Trace", "t2").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"times\":-1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"times must not be negative\",\"code\":\"invalid_argument\"}\n", bad.body());
        assertTrue(bad.headers().firstValue("X-After").isEmpty(), "after hooks run on success only");
        assertEquals(List.of("before1", "before2:t2", "decode:t2", "endpoint:t2", "errorHandler:times must not be negative"), steps);
        waitFor(() -> finalized.get() != null);
        assertEquals("400 65 null times must not be negative t2", finalized.get());
    }

    @Test
    void decodeFailuresAre400sNamingTheField() throws Exception {
        start(new Router().post("/greet", EndpointHandler.of((ctx, g) -> g, JSON.decoder(Greeting.class), JSON.encoder())));
        String[][] cases = {
                {"{\"name\":", "malformed JSON at line 1, column 9"},
                {"{\"name\":\"a\",\"times\":\"2\"}", "invalid JSON: field \"times\" must be an integer"},
                {"{\"name\":\"a\",\"times\":1.5}", "invalid JSON: field \"times\" must be an integer"},
                {"{\"name\":7,\"times\":1}", "invalid JSON: field \"name\" must be a string"},
                {"{\"name\":\"a\",\"times\":99999999999}", "invalid JSON: number out of range for field \"times\" at line 1, column 32"},
                {"{\"name\":\"a\",\"name\":\"b\"}", "invalid JSON: duplicate field 'name' at line 1, column 19"},
                {"", "request body is empty: a JSON value is required"},
                {"[1,2]", "invalid JSON: expected an object as the body"},
                {"{\"name\":\"a\"} trailing", "malformed JSON at line 1, column 14"},
                {"{\"name\":\"a\"} {}", "invalid JSON: unexpected data after the JSON value at line 1, column 14"},
                {"{\"name\":true}", "invalid JSON: field \"name\" must be a string"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = Http.send(server, "POST", "/greet", c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals("{\"error\":\"" + c[1].replace("\"", "\\\"") + "\",\"code\":\"invalid_argument\"}\n", r.body(), c[0]);
        }
    }

    @Test
    void deeplyNestedAndInvalidUtf8JsonAre400() throws Exception {
        start(new Router().post("/any", EndpointHandler.of((ctx, g) -> g, JSON.decoder(Object.class), JSON.encoder())));
        server.stop();
        server = HttpServer.builder().handler(new Router().post("/any",
                EndpointHandler.of((ctx, g) -> g, JSON.decoder(Object.class), JSON.encoder()))).build().start();
        HttpResponse<String> deep = Http.send(server, "POST", "/any", "[".repeat(5000) + "]".repeat(5000));
        assertEquals(400, deep.statusCode());
        assertTrue(deep.body().contains("nesting depth"), deep.body());
        HttpRequest bad = HttpRequest.newBuilder(URI.create(server.uri() + "/any"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'})).build();
        HttpResponse<String> utf = Http.CLIENT.send(bad, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, utf.statusCode());
        assertTrue(utf.body().startsWith("{\"error\":\"malformed JSON"), utf.body());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        Handler ok = (ctx, req, resp) -> resp.write("ok".getBytes(StandardCharsets.UTF_8));
        start(new Router().get("/users/{id}", ok).put("/users/{id}", ok).get("/user/{uid:\\d+}", ok));
        HttpResponse<String> nf = Http.get(server, "/nowhere");
        assertEquals(404, nf.statusCode());
        assertEquals("{\"error\":\"no route for GET /nowhere\",\"code\":\"not_found\"}\n", nf.body());
        assertEquals(404, Http.get(server, "/user/abc").statusCode());
        HttpResponse<String> na = Http.send(server, "POST", "/users/7", "{}");
        assertEquals(405, na.statusCode());
        assertEquals("GET, HEAD, PUT", na.headers().firstValue("Allow").orElseThrow());
        assertEquals("{\"error\":\"method POST is not allowed on this path\",\"code\":\"method_not_allowed\"}\n", na.body());
        assertEquals("ok", Http.get(server, "/user/101").body());
    }

    @Test
    void pathVariablesAndQueryReachDecoders() throws Exception {
        start(new Router().get("/users/{id}/posts/{slug}", (ctx, req, resp) -> resp.write((req.pathLong("id") + "|"
                + req.pathVariable("slug") + "|" + req.query("q") + "|" + req.queryParameters().get("tag") + "|"
                + req.queryInt("page", 1)).getBytes(StandardCharsets.UTF_8))));
        assertEquals("42|a b|x+y z|[1, 2]|1", Http.get(server, "/users/42/posts/a%20b?q=x%2By+z&tag=1&tag=2").body());
        HttpResponse<String> bad = Http.get(server, "/users/99999999999999999999/posts/x");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"path parameter id is out of range\",\"code\":\"invalid_argument\"}\n", bad.body());
        HttpResponse<String> nan = Http.get(server, "/users/abc/posts/x");
        assertEquals("{\"error\":\"path parameter id must be an integer\",\"code\":\"invalid_argument\"}\n", nan.body());
        HttpResponse<String> page = Http.get(server, "/users/1/posts/x?page=two");
        assertEquals("{\"error\":\"query parameter page must be an integer\",\"code\":\"invalid_argument\"}\n", page.body());
    }

    @Test
    void undeclaredExceptionsAre500WithoutInternals() throws Exception {
        start(new Router().get("/boom", (ctx, req, resp) -> {
            throw new IllegalStateException("connection string postgres://admin:secret@db");
        }).get("/npe", EndpointHandler.of((ctx, q) -> {
            throw new NullPointerException("x is null");
        }, (ctx, r) -> null, JSON.encoder())));
        for (String p : List.of("/boom", "/npe")) {
            HttpResponse<String> r = Http.get(server, p);
            assertEquals(500, r.statusCode());
            assertEquals("{\"error\":\"internal server error\",\"code\":\"internal\"}\n", r.body());
        }
    }

    @Test
    void oversizedBodiesAre413WhetherDeclaredOrChunked() throws Exception {
        start(new Router().post("/echo", EndpointHandler.of((ctx, b) -> b, (ctx, r) -> r.bodyBytes(),
                (ctx, resp, b) -> resp.write(b))));
        HttpResponse<String> declared = Http.send(server, "POST", "/echo", "x".repeat(2000));
        assertEquals(413, declared.statusCode());
        assertEquals("{\"error\":\"request body is larger than 1024 bytes\",\"code\":\"payload_too_large\"}\n", declared.body());
        InputStream chunks = new SequenceInputStream(new ByteArrayInputStream(new byte[800]), new ByteArrayInputStream(new byte[800]));
        HttpResponse<String> chunked = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> chunks)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertEquals(200, Http.send(server, "POST", "/echo", "x".repeat(1024)).statusCode());
        assertEquals(200, Http.get(server, "/nowhere-but-alive").statusCode() == 404 ? 200 : 0, "server still serves");
    }

    @Test
    void oversizedHeadersAre431Json() throws Exception {
        start(new Router().get("/x", (ctx, req, resp) -> resp.write(new byte[] {'k'})));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(10_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
            assertTrue(answer.contains("application/json"), answer);
            assertTrue(answer.contains("\"code\":\"headers_too_large\""), answer);
        }
        assertEquals("k", Http.get(server, "/x").body(), "server still serves");
    }

    @Test
    void malformedRequestLineIs400Json() throws Exception {
        start(new Router().get("/x", (ctx, req, resp) -> resp.write(new byte[] {'k'})));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("BLAH /x%zz HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 505 "), answer);
            assertTrue(answer.contains("application/json"), answer);
            assertFalse(answer.contains("<html"), answer);
        }
    }

    @Test
    void largeResponsesStreamIntact() throws Exception {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        start(new Router().get("/big", (ctx, req, resp) -> {
            for (int i = 0; i < big.length; i += 10_000) {
                resp.body().write(big, i, Math.min(10_000, big.length - i));
            }
        }));
        HttpResponse<byte[]> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/big")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(java.util.Arrays.equals(big, r.body()));
    }

    @Test
    void headIsAnsweredLikeGetWithoutBody() throws Exception {
        start(new Router().get("/h", (ctx, req, resp) -> resp.contentType("text/plain").write("hello".getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> r = Http.send(server, "HEAD", "/h", null);
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals("5", r.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void gracefulStopLetsInFlightRequestsFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        start(new Router().get("/slow", (ctx, req, resp) -> {
            entered.countDown();
            Thread.sleep(300);
            resp.write("done".getBytes(StandardCharsets.UTF_8));
        }));
        CompletableFuture<HttpResponse<String>> inFlight = Http.CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(server.uri() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        server.stop();
        assertFalse(server.isRunning());
        HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("done", r.body());
        server = null;
    }

    @Test
    void serverFinalizersSeeEveryRequestIncluding404() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        server = HttpServer.builder().handler(new Router().get("/a", (ctx, req, resp) -> resp.status(204)))
                .finalizer((ctx, status, req) -> seen.add(req.method() + " " + req.path() + " " + status + " "
                        + (ctx.get(HttpContextKeys.REQUEST_START_NANOS) != null)))
                .build().start();
        Http.get(server, "/a");
        Http.get(server, "/b");
        waitFor(() -> seen.size() == 2);
        assertEquals(List.of("GET /a 204 true", "GET /b 404 true"), seen);
    }

    @Test
    void populateRequestContextCopiesRequestData() throws Exception {
        AtomicReference<String> got = new AtomicReference<>();
        start(new Router().get("/ctx", EndpointHandler.builder((ctx, q) -> {
            got.set(String.join("|", ctx.get(HttpContextKeys.REQUEST_METHOD), ctx.get(HttpContextKeys.REQUEST_URI),
                    ctx.get(HttpContextKeys.REQUEST_PATH), ctx.get(HttpContextKeys.REQUEST_X_REQUEST_ID),
                    ctx.get(HttpContextKeys.REQUEST_AUTHORIZATION), ctx.get(HttpContextKeys.REQUEST_REFERER),
                    ctx.get(HttpContextKeys.REQUEST_PROTO), String.valueOf(ctx.get(HttpContextKeys.REQUEST_REMOTE_ADDR).startsWith("127.0.0.1:"))));
            return Map.of();
        }, (ctx, r) -> null, JSON.encoder()).before(HttpContextKeys.populateRequestContext()).build()));
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/ctx?a=1"))
                .header("X-Request-Id", "rid-1").header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("GET|/ctx?a=1|/ctx|rid-1|Bearer t||HTTP/1.1|true", got.get());
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(cond.getAsBoolean(), "condition not reached");
    }

    @Test
    void stalledClientsAreCutOffByTheIdleTimeoutAndOthersStillServed() throws Exception {
        server = HttpServer.builder().idleTimeout(Duration.ofMillis(300))
                .handler(new Router().post("/echo", EndpointHandler.of((ctx, b) -> b, (ctx, r) -> r.bodyBytes(),
                        (ctx, resp, b) -> resp.write(b)))).build().start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly part")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5"), answer);
        }
        assertEquals("ok", Http.send(server, "POST", "/echo", "ok").body());
    }
}
