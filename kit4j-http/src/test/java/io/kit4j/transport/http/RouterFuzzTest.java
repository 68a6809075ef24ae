package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the whole server path over real sockets with Jazzer: a fuzzed method, request target, header
 * and body go to a real {@link HttpServer} whose {@link Router} has literal, regex, mixed and catch-all
 * routes with JSON decoders. Every answer must be a 4xx/2xx or one of the two protocol answers 501
 * (unknown method) and 505 (unsupported HTTP version) — never 500, 502, 503 or 504 — with a JSON or empty
 * body, within the socket timeout. Seeds are in
 * {@code src/test/resources/io/kit4j/transport/http/RouterFuzzTestInputs}.
 */
class RouterFuzzTest {
    static final AtomicLong RUNS = new AtomicLong();
    static HttpServer server;

    record Item(String name, int count, double price, java.util.List<String> tags) {
    }

    @BeforeAll
    static void start() {
        JsonCodec json = JsonCodec.defaults();
        Router router = new Router()
                .get("/", (ctx, req, resp) -> resp.status(204))
                .post("/items", EndpointHandler.of((ctx, i) -> i, json.decoder(Item.class), json.encoder(201)))
                .get("/items/{id:\\d+}", EndpointHandler.of((ctx, id) -> Map.of("id", id), (ctx, r) -> r.pathLong("id"),
                        json.encoder()))
                .put("/items/{id:\\d+}", EndpointHandler.of((ctx, i) -> i, json.decoder(Item.class), json.encoder()))
                .delete("/items/{id}", EndpointHandler.of((ctx, id) -> Map.of("deleted", id),
                        (ctx, r) -> r.pathLong("id"), json.encoder()))
                .get("/items", EndpointHandler.of((ctx, p) -> Map.of("page", p), (ctx, r) -> r.queryInt("page", 1),
                        json.encoder()))
                .get("/files/{name}.{ext:[a-z]{1,4}}", EndpointHandler.of((ctx, n) -> Map.of("file", n),
                        (ctx, r) -> r.pathVariable("name") + "." + r.pathVariable("ext"), json.encoder()))
                .get("/static/{path:.*}", EndpointHandler.of((ctx, p) -> Map.of("path", p),
                        (ctx, r) -> r.pathVariable("path"), json.encoder()))
                .post("/any", EndpointHandler.of((ctx, o) -> Map.of("ok", true), json.decoder(Object.class), json.encoder()));
        server = HttpServer.builder().handler(router).maxRequestBodyBytes(4096).maxRequestHeaderBytes(4096)
                .idleTimeout(Duration.ofSeconds(2)).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        System.out.println("RouterFuzzTest: " + RUNS.get() + " inputs ran");
    }

    /**
     * Input: lines of method, request target and one header line (each ended by a newline; missing parts
     * are empty), then the body. The request sent is {@code METHOD TARGET HTTP/1.1} with Host, the fuzzed
     * header, Connection: close and the body's Content-Length.
     */
    @FuzzTest(maxDuration = "8s")
    void everyRequestGetsAnAnswerBelow500(byte[] input) throws Exception {
        RUNS.incrementAndGet();
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String[] parts = text.split("\n", 4);
        String method = parts[0];
        String target = parts.length > 1 ? parts[1] : "/";
        String header = parts.length > 2 ? parts[2] : "";
        byte[] body = (parts.length > 3 ? parts[3] : "").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
                + (header.isEmpty() ? "" : header + "\r\n") + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        req.writeBytes(body);
        RawHttp.Answer a = RawHttp.exchange(server.port(), req.toByteArray());
        assertTrue(a.status() < 500 || a.status() == 501 || a.status() == 505,
                () -> "5xx for " + printable(req.toByteArray()) + "\n" + a.text());
        String type = a.header("Content-Type");
        assertTrue(a.body().isEmpty() || (type != null && type.startsWith("application/json")),
                () -> "not JSON for " + printable(req.toByteArray()) + "\n" + a.text());
    }

    static String printable(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n");
    }
}
