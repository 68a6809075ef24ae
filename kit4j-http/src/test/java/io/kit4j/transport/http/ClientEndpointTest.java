package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientEndpointTest {
    record Sum(int a, int b) {
    }

    record Result(int sum) {
    }

    static final JsonCodec JSON = JsonCodec.defaults();
    static final ContextKey<String> USER = new ContextKey<>("user");
    HttpServer server;
    CountDownLatch slowEntered = new CountDownLatch(1);

    @BeforeEach
    void start() {
        Router r = new Router()
                .post("/sum", EndpointHandler.of((ctx, s) -> {
                    if (s.a() < 0) {
                        throw KitError.notFound("no such number " + s.a());
                    }
                    return new Result(s.a() + s.b());
                }, JSON.decoder(Sum.class), JSON.encoder()))
                .get("/whoami", (ctx, req, resp) -> resp.write(String.valueOf(req.header("X-User")).getBytes()))
                .get("/peer", (ctx, req, resp) -> resp.write(req.remoteAddress().getBytes()))
                .get("/stream", (ctx, req, resp) -> {
                    for (int i = 0; i < 100; i++) {
                        resp.body().write(new byte[1000]);
                    }
                })
                // small enough for the sockets' buffers: the server's handler ends whether or not the client reads
                .get("/small-stream", (ctx, req, resp) -> {
                    for (int i = 0; i < 8; i++) {
                        resp.body().write(new byte[1000]);
                    }
                })
                .get("/slow", (ctx, req, resp) -> {
                    slowEntered.countDown();
                    Thread.sleep(2000);
                    resp.write(new byte[] {'z'});
                });
        server = HttpServer.builder().handler(r).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    ClientEndpoint<Sum, Result> sum(List<String> steps) {
        return ClientEndpoint.<Sum, Result>builder("POST", URI.create(server.uri() + "/sum"), JSON.requestEncoder(),
                JSON.responseDecoder(Result.class))
                .before((ctx, req) -> {
                    steps.add("before:" + req.method() + " " + req.uri().getPath());
                    return ctx;
                })
                .after((ctx, resp) -> {
                    steps.add("after:" + resp.status());
                    return ctx;
                })
                .finalizer((ctx, err) -> steps.add("finalizer:" + (err == null ? "ok" : err.getMessage()) + ":"
                        + (ctx.get(HttpContextKeys.RESPONSE_HEADERS) != null)))
                .build();
    }

    @Test
    void jsonRoundTripWithHooksInOrder() throws Exception {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        assertEquals(new Result(5), sum(steps).call(Context.background(), new Sum(2, 3)));
        assertEquals(List.of("before:POST /sum", "after:200", "finalizer:ok:true"), steps);
    }

    @Test
    void serverErrorsComeBackAsTheSameTypedError() {
        List<String> steps = new ArrayList<>();
        KitError e = assertThrows(KitError.class, () -> sum(steps).call(Context.background(), new Sum(-1, 3)));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("no such number -1", e.getMessage());
        assertEquals("finalizer:no such number -1:true", steps.get(steps.size() - 1));
    }

    @Test
    void beforeHooksCarryContextIntoHeaders() throws Exception {
        ClientEndpoint<Void, String> who = ClientEndpoint.<Void, String>builder("GET", URI.create(server.uri() + "/whoami"),
                (ctx, req, v) -> { }, (ctx, resp) -> new String(resp.bodyBytes()))
                .before((ctx, req) -> {
                    req.header("X-User", ctx.get(USER));
                    return ctx;
                }).build();
        assertEquals("alice", who.call(Context.background().with(USER, "alice"), null));
    }

    @Test
    void contextDeadlineBoundsTheCall() throws Exception {
        ClientEndpoint<Void, String> slow = ClientEndpoint.<Void, String>builder("GET", URI.create(server.uri() + "/slow"),
                (ctx, req, v) -> { }, (ctx, resp) -> new String(resp.bodyBytes())).build();
        Exception e = assertThrows(Exception.class, () -> slow.call(Context.background().withTimeout(Duration.ofMillis(200)), null));
        assertInstanceOf(DeadlineExceededException.class, e);
        assertEquals(504, ((KitError) e).status());
        assertThrows(DeadlineExceededException.class,
                () -> slow.call(Context.background().withTimeout(Duration.ofMillis(-1)), null), "already past");
    }

    @Test
    void cancellingTheContextAbortsTheCall() throws Exception {
        ClientEndpoint<Void, String> slow = ClientEndpoint.<Void, String>builder("GET", URI.create(server.uri() + "/slow"),
                (ctx, req, v) -> { }, (ctx, resp) -> new String(resp.bodyBytes())).build();
        Cancellable c = Context.background().withCancel();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                return slow.call(c.context(), null);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertTrue(slowEntered.await(5, TimeUnit.SECONDS));
        c.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertEquals(499, ((KitError) e.getCause()).status());
    }

    @Test
    void unreachableServerIs503() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        AtomicReference<Throwable> finalErr = new AtomicReference<>();
        ClientEndpoint<Sum, Result> dead = ClientEndpoint.<Sum, Result>builder("POST", URI.create("http://127.0.0.1:" + freePort + "/sum"),
                JSON.requestEncoder(), JSON.responseDecoder(Result.class)).finalizer((ctx, err) -> finalErr.set(err)).build();
        KitError e = assertThrows(KitError.class, () -> dead.call(Context.background(), new Sum(1, 1)));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals("upstream unavailable: connection refused", e.getMessage());
        assertEquals(e, finalErr.get());
        assertNull(null);
    }

    @Test
    void bufferedStreamLeavesTheBodyOpenForTheCaller() throws Exception {
        ClientEndpoint<Void, java.io.InputStream> download = ClientEndpoint.<Void, java.io.InputStream>builder("GET",
                URI.create(server.uri() + "/stream"), (ctx, req, v) -> { }, (ctx, resp) -> resp.body())
                .bufferedStream(true).build();
        try (java.io.InputStream in = download.call(Context.background(), null)) {
            assertEquals(100_000, in.readAllBytes().length);
        }
        // The body dropped unread is one the server has finished writing, so the test's stop never waits on a
        // handler still writing. (Its stop failed once in CI, "did not stop cleanly" after the 10 s drain, with
        // a 100 kB body here; cause not found: a handler writing to a client that went away fails within
        // milliseconds, checked with raw sockets and with this client.)
        ClientEndpoint<Void, java.io.InputStream> closed = ClientEndpoint.<Void, java.io.InputStream>builder("GET",
                URI.create(server.uri() + "/small-stream"), (ctx, req, v) -> { }, (ctx, resp) -> resp.body()).build();
        java.io.InputStream in = closed.call(Context.background(), null);
        assertThrows(java.io.IOException.class, in::read, "without bufferedStream the body is closed on return");
    }

    @Test
    void connectionsAreReusedAcrossCalls() throws Exception {
        ClientEndpoint<Void, String> peer = ClientEndpoint.<Void, String>builder("GET", URI.create(server.uri() + "/peer"),
                (ctx, req, v) -> { }, (ctx, resp) -> new String(resp.bodyBytes())).build();
        java.util.Set<String> ports = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(peer.call(Context.background(), null));
        }
        // the pool releases a connection just after the answer is read, so under load an occasional call may
        // open another one; without reuse every call would come from a new client port
        assertTrue(ports.size() <= 5, "20 sequential calls used " + ports.size() + " connections");
    }
}
