package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import io.kit4j.endpoint.Failer;
import io.kit4j.errors.HasHeaders;
import io.kit4j.errors.HasStatus;
import io.kit4j.errors.KitError;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** go-kit's EncodeJSONResponse rules, and kit4j's Failer handling, over a real socket. */
class JsonCodecTest {
    record Created(String id) implements HasStatus, HasHeaders {
        @Override
        public int status() {
            return 201;
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of("Location", List.of("/things/" + id));
        }
    }

    record Empty() implements HasStatus {
        @Override
        public int status() {
            return 204;
        }
    }

    record Outcome(String value, Throwable failed) implements Failer {
    }

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void encodingBuffersAreReusedAcrossVirtualThreadsNotKeptPerThread() throws Exception {
        RecyclerPool<BufferRecycler> pool = JsonCodec.strictMapper().getFactory()._getRecyclerPool();
        AtomicReference<BufferRecycler> first = new AtomicReference<>();
        AtomicReference<BufferRecycler> second = new AtomicReference<>();
        for (AtomicReference<BufferRecycler> seen : List.of(first, second)) {
            Thread.ofVirtual().start(() -> { // a request's thread: used once
                BufferRecycler r = pool.acquireAndLinkPooled();
                seen.set(r);
                r.releaseToPool();
            }).join();
        }
        assertSame(first.get(), second.get(), "a later request's thread gets the buffers an earlier one released");
    }

    @Test
    void statusHeadersNoBodyFor204AndFailers() throws Exception {
        JsonCodec json = JsonCodec.defaults();
        server = HttpServer.builder().handler(new Router()
                .post("/things", EndpointHandler.of((ctx, q) -> new Created("7"), (ctx, r) -> null, json.encoder()))
                .delete("/things", EndpointHandler.of((ctx, q) -> new Empty(), (ctx, r) -> null, json.encoder()))
                .get("/ok", EndpointHandler.of((ctx, q) -> new Outcome("fine", null), (ctx, r) -> null, json.encoder()))
                .get("/failed", EndpointHandler.of((ctx, q) -> new Outcome(null, KitError.alreadyExists("taken")),
                        (ctx, r) -> null, json.encoder()))).build().start();

        HttpResponse<String> created = Http.send(server, "POST", "/things", "{}");
        assertEquals(201, created.statusCode());
        assertEquals("/things/7", created.headers().firstValue("Location").orElseThrow());
        assertEquals("{\"id\":\"7\"}\n", created.body());

        HttpResponse<String> empty = Http.send(server, "DELETE", "/things", null);
        assertEquals(204, empty.statusCode());
        assertEquals("", empty.body());

        HttpResponse<String> ok = Http.get(server, "/ok");
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"value\":\"fine\""), ok.body());

        HttpResponse<String> failed = Http.get(server, "/failed");
        assertEquals(409, failed.statusCode());
        assertEquals("{\"error\":\"taken\",\"code\":\"already_exists\"}\n", failed.body());
    }
}
