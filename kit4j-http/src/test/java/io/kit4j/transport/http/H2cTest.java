package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpServer} with {@code h2c(true)} over real sockets: HTTP/2 with prior knowledge (Jetty's HTTP/2
 * client) and by {@code Upgrade: h2c} (the JDK's client), HTTP/1.1 on the same port, request and response
 * trailers both ways, and the body and header limits answering JSON errors over HTTP/2 too.
 */
class H2cTest {
    static HttpServer server;
    static org.eclipse.jetty.client.HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router()
                .get("/proto", (ctx, req, resp) -> resp.contentType("text/plain")
                        .write(req.protocol().getBytes(StandardCharsets.UTF_8)))
                .post("/echo", (ctx, req, resp) -> {
                    byte[] body = req.bodyBytes();
                    String t = req.trailers().getOrDefault("x-sum", List.of("none")).get(0);
                    resp.header("X-Request-Trailer", t).contentType("application/octet-stream").write(body);
                    resp.trailer("x-status", "0").trailer("x-length", Integer.toString(body.length));
                })
                .get("/big", (ctx, req, resp) -> {
                    resp.trailers(() -> Map.of("x-late", List.of("1", "2")));
                    byte[] chunk = new byte[64 << 10];
                    for (int i = 0; i < 4; i++) {
                        resp.write(chunk);
                        resp.flush();
                    }
                    resp.trailer("x-done", "yes");
                });
        server = HttpServer.builder().h2c(true).handler(router).maxRequestBodyBytes(64 << 10).build().start();
        HTTP2Client client = new HTTP2Client();
        client.setMaxRequestHeadersSize(64 << 10);
        h2 = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(client));
        h2.start();
    }

    @AfterAll
    static void stop() throws Exception {
        h2.stop();
        server.stop();
    }

    private static String url(String path) {
        return server.uri() + path;
    }

    @Test
    void priorKnowledgeHttp2Serves() throws Exception {
        ContentResponse r = h2.newRequest(url("/proto")).timeout(30, TimeUnit.SECONDS).send();
        assertEquals(200, r.getStatus());
        assertEquals(HttpVersion.HTTP_2, r.getVersion());
        assertEquals("HTTP/2.0", r.getContentAsString());
    }

    @Test
    void http11AndUpgradeOnTheSamePort() throws Exception {
        HttpResponse<String> plain = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url("/proto")))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertEquals("HTTP/1.1", plain.body());

        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> first = jdk.send(HttpRequest.newBuilder(URI.create(url("/proto"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, first.version(), "upgraded with Upgrade: h2c");
        HttpResponse<String> second = jdk.send(HttpRequest.newBuilder(URI.create(url("/proto"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("HTTP/2.0", second.body());
    }

    @Test
    void requestAndResponseTrailersCrossOverHttp2() throws Exception {
        byte[] body = "hello trailers".getBytes(StandardCharsets.UTF_8);
        ContentResponse r = h2.newRequest(url("/echo")).method("POST")
                .body(new BytesRequestContent("application/octet-stream", body))
                .trailersSupplier(() -> HttpFields.build().add("x-sum", "42"))
                .timeout(30, TimeUnit.SECONDS).send();
        assertEquals(200, r.getStatus());
        assertEquals("hello trailers", r.getContentAsString());
        assertEquals("42", r.getHeaders().get("X-Request-Trailer"));
        HttpFields trailers = r.getTrailers();
        assertEquals("0", trailers.get("x-status"));
        assertEquals(Integer.toString(body.length), trailers.get("x-length"));
        assertNull(r.getHeaders().get("x-status"), "a trailer is not a header");
    }

    @Test
    void streamedBodyThenTrailers() throws Exception {
        ContentResponse r = h2.newRequest(url("/big")).timeout(30, TimeUnit.SECONDS).send();
        assertEquals(200, r.getStatus());
        assertEquals(4 * (64 << 10), r.getContent().length);
        assertEquals("yes", r.getTrailers().get("x-done"));
        assertEquals(List.of("1", "2"), r.getTrailers().getValuesList("x-late"));
    }

    @Test
    void responseTrailersOverHttp11AreChunked() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: a\r\nTE: trailers\r\n"
                + "Connection: close\r\nContent-Length: 2\r\n\r\nhi");
        assertEquals(200, a.status(), a.text());
        assertNull(a.header("Content-Length"), a.text());
        assertEquals("chunked", a.header("Transfer-Encoding"), a.text());
        assertTrue(a.body().contains("x-status: 0"), a.text());
    }

    @Test
    void oversizedBodiesAre413JsonOverHttp2() throws Exception {
        EarlyAnswer declared = send(h2.newRequest(url("/echo")).method("POST")
                .body(new BytesRequestContent(new byte[100 << 10])));
        assertEquals(413, declared.status());
        assertTrue(declared.body().contains("\"code\":\"payload_too_large\""), declared.body());

        AsyncRequestContent streamed = new AsyncRequestContent();
        var pending = new java.util.concurrent.CompletableFuture<EarlyAnswer>();
        sendAsync(h2.newRequest(url("/echo")).method("POST").body(streamed), pending);
        for (int i = 0; i < 10; i++) {
            streamed.write(ByteBuffer.wrap(new byte[16 << 10]), Callback.NOOP);
        }
        streamed.close();
        EarlyAnswer r = pending.get(30, TimeUnit.SECONDS);
        assertEquals(413, r.status());
        assertTrue(r.body().contains("\"code\":\"payload_too_large\""), r.body());
        assertEquals(200, h2.newRequest(url("/proto")).timeout(30, TimeUnit.SECONDS).send().getStatus());
    }

    /** A complete response, whether or not the server cut the rest of the request's body short. */
    private record EarlyAnswer(int status, String body) {}

    /**
     * Sends a request whose body the server may refuse before reading it all. RFC 9113 §8.1 lets the server
     * answer early and then reset the stream; Jetty's client then marks the request side failed, and
     * {@code send()} would throw although the whole response arrived. Only a failed response fails here.
     */
    private static EarlyAnswer send(org.eclipse.jetty.client.Request request) throws Exception {
        var answer = new java.util.concurrent.CompletableFuture<EarlyAnswer>();
        sendAsync(request, answer);
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static void sendAsync(org.eclipse.jetty.client.Request request,
                                  java.util.concurrent.CompletableFuture<EarlyAnswer> answer) {
        request.timeout(30, TimeUnit.SECONDS).send(new org.eclipse.jetty.client.BufferingResponseListener() {
            @Override
            public void onComplete(org.eclipse.jetty.client.Result result) {
                if (result.getResponseFailure() != null) {
                    answer.completeExceptionally(result.getResponseFailure());
                } else {
                    answer.complete(new EarlyAnswer(result.getResponse().getStatus(), getContentAsString()));
                }
            }
        });
    }

    @Test
    void oversizedHeadersAreRefusedOverHttp2AndTheServerStillServes() throws Exception {
        // Jetty's client keeps to the server's advertised header list size; the JDK's sends what it is given.
        // Jetty's HPACK decoder answers 431 (JSON) or, depending on how the header block's frames arrive,
        // refuses it at the connection level (GOAWAY): never a 500, never a hang.
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/proto"))).timeout(Duration.ofSeconds(30));
        assertEquals(java.net.http.HttpClient.Version.HTTP_2,
                jdk.send(b.build(), HttpResponse.BodyHandlers.ofString()).version());
        try {
            HttpResponse<String> r = jdk.send(b.header("X-Big", "a".repeat(20 << 10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(431, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"headers_too_large\""), r.body());
        } catch (java.io.IOException closedByServer) {
            // GOAWAY and close: the JDK's client reports the connection's end
        }
        assertEquals(200, h2.newRequest(url("/proto")).timeout(30, TimeUnit.SECONDS).send().getStatus());
    }

    @Test
    void unknownRoutesAreJson404OverHttp2() throws Exception {
        ContentResponse r = h2.newRequest(url("/nope")).timeout(30, TimeUnit.SECONDS).send();
        assertEquals(404, r.getStatus());
        assertTrue(r.getContentAsString().contains("\"code\":\"not_found\""), r.getContentAsString());
    }

    @Test
    void withoutH2cTheServerSpeaksHttp11Only() throws Exception {
        try (HttpServer plain = HttpServer.builder().handler(new Router().get("/proto", (ctx, req, resp) ->
                resp.write(req.protocol().getBytes(StandardCharsets.UTF_8)))).build().start()) {
            java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_2).build();
            HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(plain.uri() + "/proto")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("HTTP/1.1", r.body());
        }
    }
}
