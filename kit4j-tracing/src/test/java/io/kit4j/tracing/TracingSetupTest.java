package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kit4j.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The set-up behind the examples' {@code --tracing} flag. */
class TracingSetupTest {

    @Test
    void specsNameTheirExporter() {
        assertInstanceOf(ZipkinSpanExporter.class, TracingSetup.exporter("zipkin=http://127.0.0.1:9411"));
        assertTrue(TracingSetup.exporter("zipkin=http://127.0.0.1:9411").toString().contains("/api/v2/spans"),
                TracingSetup.exporter("zipkin=http://127.0.0.1:9411").toString());
        assertInstanceOf(OtlpHttpSpanExporter.class, TracingSetup.exporter("otlp=http://127.0.0.1:4318"));
        assertTrue(TracingSetup.exporter("otlp=http://127.0.0.1:4318").toString().contains("http://127.0.0.1:4318/v1/traces"),
                TracingSetup.exporter("otlp=http://127.0.0.1:4318").toString());
    }

    @Test
    void onlyACollectorOnAnotherMachineGetsGzippedBatches() {
        for (String local : List.of("http://localhost:9411", "http://LOCALHOST:9411", "http://zipkin.localhost/",
                "http://127.0.0.1:9411", "http://127.1.2.3", "http://[::1]:9411")) {
            assertTrue(TracingSetup.isLoopback(URI.create(local)), local);
        }
        for (String remote : List.of("http://zipkin:9411", "http://10.0.0.7:9411", "https://traces.example.com",
                "http://127.0.0.1.example.com", "http://[::2]:9411", "http://localhost.example.com")) {
            assertFalse(TracingSetup.isLoopback(URI.create(remote)), remote);
        }
    }

    @Test
    void aZipkinCollectorOnThisMachineGetsPlainJson() throws Exception {
        // A plain JDK HTTP server in Zipkin's place, to see the request as sent (the real Zipkin server takes
        // both forms; the examples' tests send it spans).
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        server.createContext("/api/v2/spans", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestHeaders().getFirst("Content-Encoding") + " " + (char) body[0]);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try (Tracing t = TracingSetup.builder("s").exporter("zipkin=http://127.0.0.1:" + server.getAddress().getPort())
                .build()) {
            t.<String, String>middleware("GetName").apply((ctx, q) -> q).call(Context.background(), "x");
            t.flush(Duration.ofSeconds(10));
            assertEquals("null [", seen.poll(10, TimeUnit.SECONDS), "no Content-Encoding, a JSON array");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badSpecsSayWhatIsExpected() {
        assertEquals("tracing exporter 'zipkin': expected zipkin=URL or otlp=URL",
                assertThrows(IllegalArgumentException.class, () -> TracingSetup.exporter("zipkin")).getMessage());
        assertEquals("tracing exporter 'jaeger=http://x': unknown kind 'jaeger'; expected zipkin=URL or otlp=URL",
                assertThrows(IllegalArgumentException.class, () -> TracingSetup.exporter("jaeger=http://x")).getMessage());
        assertEquals("tracing exporter 'zipkin=127.0.0.1:9411': the URL must be http(s)://host[:port][/path]",
                assertThrows(IllegalArgumentException.class, () -> TracingSetup.exporter("zipkin=127.0.0.1:9411")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TracingSetup.builder("s").sampleRatio(1.5));
        assertThrows(IllegalStateException.class, () -> TracingSetup.builder("s").build());
    }

    @Test
    void spansCarryTheServiceNameAndFlushExportsThem() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (Tracing t = TracingSetup.builder("userservice").exporter(exporter).exportInterval(Duration.ofHours(1)).build()) {
            t.<String, String>middleware("GetName").apply((ctx, q) -> q).call(Context.background(), "x");
            assertTrue(exporter.getFinishedSpanItems().isEmpty(), "batched, not yet exported");
            t.flush(Duration.ofSeconds(10));
            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertEquals(1, spans.size());
            assertEquals("userservice", spans.get(0).getResource().getAttribute(ServiceAttributes.SERVICE_NAME));
        }
    }

    @Test
    void ratioZeroSamplesNoNewTrace() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (Tracing t = TracingSetup.builder("s").exporter(exporter).sampleRatio(0).build()) {
            t.<String, String>middleware("GetName").apply((ctx, q) -> q).call(Context.background(), "x");
            t.flush(Duration.ofSeconds(10));
            assertTrue(exporter.getFinishedSpanItems().isEmpty());
        }
    }
}
