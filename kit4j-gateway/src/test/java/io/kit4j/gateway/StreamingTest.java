package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream through the gateway both ways: the gateway runs in a JVM of its own with a 64 MiB heap
 * ({@code -Xmx64m}, exiting on OutOfMemoryError) and relays a 192 MiB upload and a 192 MiB download,
 * three times its whole heap each; the bytes arrive intact (length and CRC-32, or byte by byte).
 */
class StreamingTest {
    private static final long BYTES = 192L << 20;
    private static final String HEAP = "-Xmx64m";

    @Test
    void uploadAndDownloadLargerThanTheGatewaysHeapStreamThrough(@TempDir Path dir) throws Exception {
        Path errors = dir.resolve("gateway.err");
        try (EchoUpstream upstream = new EchoUpstream("big")) {
            Process gw = fork(upstream.address(), errors);
            try {
                int port = readPort(gw, errors);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                URI base = URI.create("http://127.0.0.1:" + port);

                CRC32 sent = new CRC32();
                HttpResponse<String> up = http.send(HttpRequest.newBuilder(base.resolve("/echo"))
                        .timeout(Duration.ofMinutes(3))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> generated(BYTES, sent)), BYTES))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, up.statusCode(), up.body());
                JsonNode echo = new ObjectMapper().readTree(up.body());
                assertEquals(BYTES, echo.get("bodyBytes").asLong());
                assertEquals(sent.getValue(), echo.get("crc").asLong());

                HttpResponse<InputStream> down = http.send(HttpRequest.newBuilder(base.resolve("/download?bytes=" + BYTES))
                        .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, down.statusCode());
                long got = 0;
                try (InputStream in = down.body()) {
                    byte[] buf = new byte[64 << 10];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        for (int i = 0; i < n; i++) {
                            if (buf[i] != EchoUpstream.byteAt(got + i)) {
                                throw new AssertionError("byte " + (got + i) + " differs");
                            }
                        }
                        got += n;
                    }
                }
                assertEquals(BYTES, got);
                assertTrue(gw.isAlive(), "the gateway JVM is still up after relaying 2 x 192 MiB with " + HEAP);
                assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } finally {
                gw.getOutputStream().close();
                if (!gw.waitFor(20, TimeUnit.SECONDS)) {
                    gw.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    static Process fork(String upstream, Path errors) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", cp,
                ForkedGateway.class.getName(), upstream))
                .redirectError(errors.toFile())
                .start();
    }

    /** The port the forked gateway reports on its first line, waiting at most 60 s. */
    static int readPort(Process p, Path errors) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                first.complete(r.readLine());
                r.transferTo(java.io.Writer.nullWriter()); // keep draining its output
            } catch (java.io.IOException e) {
                first.completeExceptionally(e);
            }
        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            line = null;
        }
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new AssertionError("the forked gateway did not report its port: " + line + "\n"
                    + java.nio.file.Files.readString(errors));
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    /** {@code n} generated bytes ({@link EchoUpstream#byteAt}), adding each to {@code crc} as it is read. */
    private static InputStream generated(long n, CRC32 crc) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= n) {
                    return -1;
                }
                int k = (int) Math.min(len, n - pos);
                for (int i = 0; i < k; i++) {
                    b[off + i] = EchoUpstream.byteAt(pos + i);
                }
                crc.update(b, off, k);
                pos += k;
                return k;
            }
        };
    }
}
