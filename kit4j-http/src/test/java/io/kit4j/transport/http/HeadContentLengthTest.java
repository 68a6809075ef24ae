package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A HEAD answer keeps the Content-Length its handler set (a proxy relays its upstream's); others count bytes. */
class HeadContentLengthTest {
    static HttpServer server;

    @BeforeAll
    static void start() {
        server = HttpServer.builder().handler((ctx, req, resp) -> {
            if (req.path().equals("/declared")) {
                resp.header("Content-Length", "1234").contentType("application/octet-stream");
                if (!req.method().equals("HEAD")) {
                    resp.write(new byte[1234]);
                }
            } else if (req.path().equals("/wrong")) {
                resp.header("Content-Length", "999"); // on a GET: replaced by the bytes written
                resp.write("counted".getBytes(StandardCharsets.UTF_8));
            } else {
                resp.write("counted".getBytes(StandardCharsets.UTF_8));
            }
        }).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawHttp.Answer exchange(String method, String path) throws Exception {
        return RawHttp.exchange(server.port(), method + " " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    }

    @Test
    void headKeepsTheDeclaredLengthWithoutABody() throws Exception {
        RawHttp.Answer head = exchange("HEAD", "/declared");
        assertEquals(200, head.status(), head.text());
        assertEquals("1234", head.header("Content-Length"), head.text());
        assertEquals("", head.body());
        RawHttp.Answer get = exchange("GET", "/declared");
        assertEquals("1234", get.header("Content-Length"), get.text());
        assertEquals(1234, get.body().length());
    }

    @Test
    void otherwiseTheLengthIsTheBytesWritten() throws Exception {
        RawHttp.Answer get = exchange("GET", "/counted");
        assertEquals("7", get.header("Content-Length"), get.text());
        assertEquals("counted", get.body());
        RawHttp.Answer head = exchange("HEAD", "/counted");
        assertEquals("7", head.header("Content-Length"), head.text());
        assertEquals("", head.body());
        RawHttp.Answer wrong = exchange("GET", "/wrong");
        assertEquals("7", wrong.header("Content-Length"), wrong.text());
        assertEquals("counted", wrong.body());
    }
}
