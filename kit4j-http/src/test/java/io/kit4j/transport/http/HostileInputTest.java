package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Attacks over raw sockets against a real server: each one gets a clear 4xx JSON answer (or, for a
 * stalled client, a closed connection), and after each one the server still serves a normal request.
 */
class HostileInputTest {
    record Create(String name, String email, int age, double score) {
    }

    static HttpServer server;

    @BeforeAll
    static void start() {
        JsonCodec json = JsonCodec.defaults();
        Router router = new Router()
                .post("/users", EndpointHandler.of((ctx, c) -> c, json.decoder(Create.class), json.encoder(201)))
                .get("/users/{id:\\d+}", EndpointHandler.of((ctx, id) -> Map.of("id", id),
                        (ctx, r) -> r.pathLong("id"), json.encoder()))
                .get("/files/{name}", EndpointHandler.of((ctx, n) -> Map.of("name", n),
                        (ctx, r) -> r.pathVariable("name"), json.encoder()))
                .get("/static/{path:.*}", EndpointHandler.of((ctx, p) -> Map.of("path", p),
                        (ctx, r) -> r.pathVariable("path"), json.encoder()))
                .post("/any", EndpointHandler.of((ctx, o) -> Map.of("ok", true), json.decoder(Object.class), json.encoder()))
                .get("/ok", (ctx, req, resp) -> resp.contentType("text/plain").write("ok".getBytes(StandardCharsets.UTF_8)));
        server = HttpServer.builder().handler(router).maxRequestBodyBytes(64 * 1024).idleTimeout(Duration.ofSeconds(1))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void serverStillServes() throws Exception {
        RawHttp.Answer ok = RawHttp.exchange(server.port(), "GET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertEquals(200, ok.status(), ok.text());
    }

    static RawHttp.Answer send(String request) throws Exception {
        return RawHttp.exchange(server.port(), request);
    }

    static RawHttp.Answer get(String target) throws Exception {
        return send("GET " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    }

    static RawHttp.Answer post(String target, byte[] body) throws Exception {
        byte[] head = ("POST " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return RawHttp.exchange(server.port(), all);
    }

    /** A 4xx JSON error of the given status whose code is {@code code} and message contains {@code words}. */
    static void assertJsonError(RawHttp.Answer a, int status, String code, String words) {
        assertEquals(status, a.status(), a.text());
        assertTrue(a.header("Content-Type") != null && a.header("Content-Type").startsWith("application/json"), a.text());
        assertTrue(a.body().startsWith("{\"error\":\""), a.text());
        assertTrue(a.body().contains("\"code\":\"" + code + "\""), a.text());
        assertTrue(a.body().contains(words), a.text());
        assertTrue(!a.body().contains("Exception") && !a.body().contains("at org.") && !a.body().contains("<html"), a.text());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        assertJsonError(send("POST /users HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000000\r\n\r\n{"), 413,
                "payload_too_large", "larger than 65536 bytes");
        assertJsonError(post("/users", bytes("{\"name\":\"" + "x".repeat(70_000) + "\"}")), 413, "payload_too_large", "larger");
        StringBuilder chunked = new StringBuilder("POST /users HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n{\"name\":\"y\r\n");
        for (int i = 0; i < 20; i++) {
            chunked.append("1000\r\n").append("y".repeat(4096)).append("\r\n");
        }
        assertJsonError(send(chunked.append("0\r\n\r\n").toString()), 413, "payload_too_large", "larger");
    }

    @Test
    void badOrConflictingLengthsAre400() throws Exception {
        for (String headers : List.of("Content-Length: -1", "Content-Length: abc", "Content-Length: 99999999999999999999",
                "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 5\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: gzip, chunked, identity", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked")) {
            RawHttp.Answer a = send("POST /users HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n\r\n{\"a\"}");
            assertEquals(400, a.status(), headers + " -> " + a.text());
            assertTrue(a.body().contains("\"code\":\"invalid_argument\""), headers + " -> " + a.text());
        }
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            assertJsonError(send(method + " /ok HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n"), 431,
                    "headers_too_large", "");
        }
        StringBuilder many = new StringBuilder("GET /ok HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 2000; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        assertJsonError(send(many.append("\r\n").toString()), 431, "headers_too_large", "");
        RawHttp.Answer longUri = get("/files/" + "a".repeat(20_000));
        assertTrue(longUri.status() == 414 || longUri.status() == 431, longUri.text());
        assertTrue(longUri.body().contains("\"code\":\"uri_too_long\"") || longUri.body().contains("\"code\":\"headers_too_large\""),
                longUri.text());
    }

    @Test
    void stalledClientsAreCutOffAndOthersStillServed() throws Exception {
        // 30 clients each send half a request line and stop; one sends headers a byte at a time.
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET /ok HT".getBytes(StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            RawHttp.Answer meanwhile = get("/ok");
            assertEquals(200, meanwhile.status(), "the server serves others while 30 clients stall");
            for (Socket s : stalled) {
                s.setSoTimeout(15_000);
                RawHttp.Answer a = RawHttp.read(s.getInputStream());
                assertTrue(a.status() == 0 || a.status() == 408 || a.status() == 400, "stalled client: " + a.text());
            }
            try (Socket slow = new Socket("127.0.0.1", server.port())) {
                slow.setSoTimeout(15_000);
                OutputStream out = slow.getOutputStream();
                String body = "{\"name\":\"x\",\"email\":\"y\",\"age\":1,\"score\":2}";
                out.write(("POST /users HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: " + body.length()
                        + "\r\n\r\n{\"na").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(3000); // body stalls for longer than the 1 s idle timeout
                try {
                    out.write(body.substring(4).getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException closed) {
                    // the server has already closed the connection: that is the point
                }
                RawHttp.Answer a = RawHttp.read(slow.getInputStream());
                assertTrue(a.status() == 0 || (a.status() >= 400 && a.status() < 500), "slow body: " + a.text());
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void deeplyNestedJsonIs400() throws Exception {
        assertJsonError(post("/any", bytes("[".repeat(10_000) + "]".repeat(10_000))), 400, "invalid_argument", "nesting depth");
        assertJsonError(post("/any", bytes("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000))), 400, "invalid_argument",
                "nesting depth");
        assertJsonError(post("/any", bytes("[".repeat(60_000))), 400, "invalid_argument", "nesting depth");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"a","email":"b","age":2147483648,"score":1}        | number out of range for field \\"age\\"
            {"name":"a","email":"b","age":-2147483649,"score":1}       | number out of range for field \\"age\\"
            {"name":"a","email":"b","age":1e3,"score":1}               | field \\"age\\" must be an integer
            {"name":"a","email":"b","age":1,"score":1e400}             | number out of range for field \\"score\\"
            {"name":"a","email":"b","age":1,"score":-1e400}            | number out of range for field \\"score\\"
            {"name":"a","email":"b","age":1,"score":NaN}               | malformed JSON
            {"name":"a","email":"b","age":99999999999999999999999,"score":1} | number out of range for field \\"age\\"
            """)
    void numbersOutOfRangeAre400(String body, String words) throws Exception {
        assertJsonError(post("/users", bytes(body)), 400, "invalid_argument", words);
    }

    @Test
    void hugeNumbersAre400() throws Exception {
        assertJsonError(post("/users", bytes("{\"age\":" + "9".repeat(5000) + "}")), 400, "invalid_argument", "number");
        assertJsonError(post("/any", bytes("[" + "1".repeat(5000) + ".5]")), 400, "invalid_argument", "number");
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[][] bodies = {
            {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},   // bad continuation
            {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},   // overlong '/'
            {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // surrogate
            {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'},
            {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE2, (byte) 0x82},                 // truncated
            {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}};
        for (byte[] b : bodies) {
            assertJsonError(post("/users", b), 400, "invalid_argument", "JSON");
        }
        for (String path : List.of("/files/%C3%28", "/files/%C0%AF", "/files/%ED%A0%80", "/files/%FF", "/files/%E2%82")) {
            RawHttp.Answer a = get(path);
            assertJsonError(a, 400, "invalid_argument", "");
            assertTrue(a.body().contains("utf-8") || a.body().contains("UTF-8"), a.text());
        }
    }

    @Test
    void duplicateKeysAre400() throws Exception {
        assertJsonError(post("/users", bytes("{\"name\":\"a\",\"email\":\"b\",\"name\":\"root\"}")), 400, "invalid_argument",
                "duplicate field 'name'");
        assertJsonError(post("/any", bytes("{\"a\":{\"b\":1,\"b\":2}}")), 400, "invalid_argument", "duplicate field 'b'");
    }

    @ParameterizedTest
    @CsvSource({
        "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2E%2E/x", "/static/.%2e/x",
        "/static/%2e./x", "/static/..%2F..%2Fetc%2Fpasswd", "/files/..%2Fsecret", "/files/%2e%2e", "/files/..",
        "/files/.", "/static/a/./b", "/users/1/../2", "/static/..%5C..%5Cwindows", "/files/a%2Fb", "/files/a%2fb",
        "/files/a%5Cb", "/files/a%00b", "/static/%252e%252e/x/..", "/static/a/%2e"})
    void dotSegmentsAndEncodedSeparatorsAre400(String target) throws Exception {
        RawHttp.Answer a = get(target);
        assertEquals(400, a.status(), target + " -> " + a.text());
        assertTrue(a.body().contains("\"code\":\"invalid_argument\""), target + " -> " + a.text());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.text());
    }

    @Test
    void encodedCharactersThatAreNotSeparatorsStillWork() throws Exception {
        RawHttp.Answer a = get("/files/caf%C3%A9%20au%20lait");
        assertEquals(200, a.status(), a.text());
        assertEquals("{\"name\":\"café au lait\"}\n", new String(a.body().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        assertEquals(200, get("/files/a..b").status(), "dots inside a name are not dot segments");
        assertEquals(200, get("/static/css/site.css").status());
    }

    @ParameterizedTest
    @CsvSource({"FOO", "get", "PROPFIND", "BREW", "G-E-T", "X"})
    void unknownMethodsAre501(String method) throws Exception {
        RawHttp.Answer a = send(method + " /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 501, "not_implemented", "not implemented");
    }

    @ParameterizedTest
    @CsvSource({"DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
    void knownMethodsOnTheWrongPathAre405(String method) throws Exception {
        RawHttp.Answer a = send(method + " /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        if (method.equals("CONNECT")) {
            assertEquals(400, a.status(), a.text()); // CONNECT needs an authority-form target: a bad request line
            return;
        }
        assertJsonError(a, 405, "method_not_allowed", "is not allowed");
        assertEquals("GET, HEAD", a.header("Allow"));
    }

    @Test
    void garbageRequestLinesAre4xxJson() throws Exception {
        RawHttp.Answer http09 = send("GET /ok\r\n\r\n");
        assertJsonError(http09, 505, "http_version_not_supported", "");
        for (String line : List.of("GET\r\n\r\n", "GET /ok HTTP/1.1 extra\r\nHost: a\r\n\r\n",
                "\u0000\u0001\u0002 / HTTP/1.1\r\n\r\n", "GET /o k HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /ok HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n", "GET /ok HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n",
                "GET /ok HTTP/1.1\r\n Host: folded\r\n\r\n", "GET http://evil.example:99999/ok HTTP/1.1\r\n\r\n")) {
            RawHttp.Answer a = send(line);
            assertTrue(a.status() >= 400 && a.status() < 500, line + " -> " + a.text());
            assertTrue(a.body().contains("\"code\":"), line + " -> " + a.text());
        }
    }
}
