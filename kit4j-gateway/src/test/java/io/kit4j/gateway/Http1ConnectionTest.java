package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's blocking HTTP/1.1 upstream connection against a real TCP upstream on loopback whose
 * answers each test writes byte for byte (so framings a kit4j server never sends — chunked with
 * trailers, close-delimited, interim 100, a closed keep-alive — are exercised): what is written, how
 * each answer is read, and when a connection goes back to the pool.
 */
class Http1ConnectionTest {
    private ServerSocket server;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private Http1Pool pool;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        pool = new Http1Pool("127.0.0.1:" + server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private Socket upstream() throws InterruptedException {
        Socket s = accepted.poll(30, TimeUnit.SECONDS);
        assertNotNull(s, "the gateway did not connect");
        return s;
    }

    /** Reads one request head (to the blank line) from the upstream side. */
    private static String head(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("request ended early: " + b);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer(Socket s, String raw) throws IOException {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private Http1Connection send(String method, HttpFields headers, InputStream body, long length) throws IOException {
        Http1Connection c = pool.pooled();
        if (c == null) {
            c = pool.open(5_000);
        }
        c.headDeadline(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        c.writeRequest(method, "/x?q=1", headers, body, length);
        return c;
    }

    @Test
    void writesTheRequestAndReusesTheConnectionForTheNextOne() throws Exception {
        HttpFields.Mutable h = HttpFields.build().add("X-A", "one").add("X-Evil", "a\r\nInjected: yes");
        Http1Connection c = send("GET", h, null, -1);
        Socket up = upstream();
        String req = head(up);
        assertTrue(req.startsWith("GET /x?q=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n"), req);
        assertTrue(req.contains("X-A: one\r\n"), req);
        assertTrue(req.contains("X-Evil: a  Injected: yes\r\n"), req); // no header smuggled in
        answer(up, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-B: two\r\n\r\nhello");
        c.readHead();
        assertEquals(200, c.status());
        assertEquals("two", c.headers().get("X-B"));
        InputStream body = c.body();
        assertEquals("hello", readAll(body));
        body.close();

        Http1Connection again = send("POST", HttpFields.EMPTY, new ByteArrayInputStream("abc".getBytes()), 3);
        assertSame(c, again, "the keep-alive connection is reused");
        String post = head(up);
        assertTrue(post.contains("Content-Length: 3\r\n"), post);
        assertEquals('a', up.getInputStream().read());
        up.getInputStream().readNBytes(2);
        answer(up, "HTTP/1.1 204 No Content\r\n\r\n");
        again.readHead();
        assertEquals(204, again.status());
        assertEquals("", readAll(again.body()));
        again.body().close();
        assertTrue(accepted.isEmpty(), "no second connection was made");
    }

    @Test
    void readsAChunkedAnswerWithTrailersAndSkipsAnInterim100() throws Exception {
        Http1Connection c = send("GET", HttpFields.EMPTY, null, -1);
        Socket up = upstream();
        head(up);
        answer(up, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n");
        c.readHead();
        assertEquals(200, c.status());
        InputStream body = c.body();
        byte[] buf = new byte[16];
        assertEquals(3, body.read(buf)); // the first chunk is there before the rest is sent
        answer(up, "4\r\ndefg\r\n0\r\nX-Sum: 7\r\n\r\n");
        assertEquals("defg", readAll(body));
        assertEquals("7", c.trailers().get().get("X-Sum"));
        body.close();
        assertSame(c, pool.pooled());
    }

    @Test
    void aChunkedUploadIsFramedAndAHeadAnswerHasNoBody() throws Exception {
        Http1Connection c = send("HEAD", HttpFields.EMPTY, null, -1);
        Socket up = upstream();
        head(up);
        answer(up, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        c.readHead();
        assertEquals("", readAll(c.body()));
        c.body().close();

        Http1Connection put = send("PUT", HttpFields.EMPTY, new ByteArrayInputStream("data".getBytes()), -1);
        String req = head(up);
        assertTrue(req.contains("Transfer-Encoding: chunked\r\n"), req);
        assertEquals("4\r\ndata\r\n0\r\n\r\n", new String(up.getInputStream().readNBytes(14), StandardCharsets.ISO_8859_1));
        answer(up, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        put.readHead();
        assertEquals(201, put.status());
    }

    @Test
    void aCloseDelimitedOrConnectionCloseAnswerClosesTheConnection() throws Exception {
        Http1Connection c = send("GET", HttpFields.EMPTY, null, -1);
        Socket up = upstream();
        head(up);
        answer(up, "HTTP/1.1 200 OK\r\n\r\nuntil the end");
        up.shutdownOutput();
        c.readHead();
        InputStream body = c.body();
        assertEquals("until the end", readAll(body));
        body.close();
        assertNull(pool.pooled(), "a close-delimited answer's connection is not reused");

        Http1Connection d = send("GET", HttpFields.EMPTY, null, -1);
        Socket up2 = upstream();
        head(up2);
        answer(up2, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        d.readHead();
        assertEquals("ok", readAll(d.body()));
        d.body().close();
        assertNull(pool.pooled(), "Connection: close is honoured");
    }

    @Test
    void anAnswerCutShortIsAnErrorAndAStaleConnectionFailsBeforeAnyByte() throws Exception {
        Http1Connection c = send("GET", HttpFields.EMPTY, null, -1);
        Socket up = upstream();
        head(up);
        answer(up, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        c.readHead();
        InputStream body = c.body();
        byte[] buf = new byte[16];
        assertEquals(3, body.read(buf));
        up.close();
        assertThrows(IOException.class, () -> body.read(buf));
        body.close();
        assertNull(pool.pooled());

        // a pooled connection the upstream has closed since: fails with no answer byte, reused
        Http1Connection d = send("GET", HttpFields.EMPTY, null, -1);
        Socket up2 = upstream();
        head(up2);
        answer(up2, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        d.readHead();
        d.body().close();
        up2.close();
        Thread.sleep(50);
        Http1Connection stale = pool.pooled();
        assertSame(d, stale);
        assertThrows(IOException.class, () -> {
            stale.headDeadline(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            stale.writeRequest("GET", "/", HttpFields.EMPTY, null, -1);
            stale.readHead();
        });
        assertTrue(stale.reused() && !stale.answered(), "the gateway can tell it may send the request again");
        stale.close();
    }

    @Test
    void theDeadlineEndsAWaitForTheHead() throws Exception {
        Http1Connection c = pool.open(5_000);
        c.headDeadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        c.writeRequest("GET", "/slow", HttpFields.EMPTY, null, -1);
        Socket up = upstream();
        head(up); // and no answer
        assertThrows(IOException.class, c::readHead);
        assertTrue(c.expired());
        assertNull(pool.pooled());
    }
}
