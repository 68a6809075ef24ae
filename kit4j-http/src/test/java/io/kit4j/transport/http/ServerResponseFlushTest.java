package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerResponseFlushTest {
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void flushSendsTheHeadersAndTheBufferedBytesBeforeTheHandlerEnds() throws Exception {
        CountDownLatch clientSawFirst = new CountDownLatch(1);
        AtomicBoolean committedAfterFlush = new AtomicBoolean();
        AtomicInteger statusAfterFlush = new AtomicInteger();
        server = HttpServer.builder().handler(new Router().get("/stream", (ctx, req, resp) -> {
            resp.contentType("text/plain; charset=utf-8").header("X-Early", "yes");
            resp.write("first\n".getBytes(StandardCharsets.UTF_8));
            resp.flush();
            committedAfterFlush.set(resp.isCommitted());
            resp.status(500);
            statusAfterFlush.set(resp.status());
            assertTrue(clientSawFirst.await(30, TimeUnit.SECONDS), "the client read the first line while we wait");
            resp.write("second\n".getBytes(StandardCharsets.UTF_8));
        })).build().start();

        HttpResponse<InputStream> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/stream"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-Early").orElseThrow());
        assertFalse(r.headers().firstValue("Content-Length").isPresent(), "a flushed answer is chunked");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("first", in.readLine());
            clientSawFirst.countDown();
            assertEquals("second", in.readLine());
            assertEquals(null, in.readLine());
        }
        assertTrue(committedAfterFlush.get());
        assertEquals(200, statusAfterFlush.get(), "the status cannot change once flushed");
    }

    @Test
    void anUnflushedSmallAnswerStillGoesOutInOneWriteWithContentLength() throws Exception {
        server = HttpServer.builder().handler(new Router().get("/small", (ctx, req, resp) -> {
            resp.body().write("hello".getBytes(StandardCharsets.UTF_8));
            resp.body().flush();
        })).build().start();
        HttpResponse<String> r = Http.get(server, "/small");
        assertEquals("hello", r.body());
        assertEquals("5", r.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void flushFailsOnceTheClientHasGone() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        server = HttpServer.builder().handler(new Router().get("/stream", (ctx, req, resp) -> {
            resp.flush();
            assertTrue(clientGone.await(30, TimeUnit.SECONDS));
            try {
                byte[] chunk = new byte[8192];
                for (int i = 0; i < 100_000; i++) {
                    resp.write(chunk);
                    resp.flush();
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                failed.countDown();
            }
        })).build().start();
        HttpResponse<InputStream> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "/stream"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        clientGone.countDown();
        assertTrue(failed.await(30, TimeUnit.SECONDS), "a write to a departed client fails");
    }
}
