package io.kit4j.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.time.Duration;
import java.util.List;
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
