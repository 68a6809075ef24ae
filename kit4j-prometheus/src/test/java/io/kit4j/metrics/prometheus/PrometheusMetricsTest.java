package io.kit4j.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.metrics.Counter;
import io.kit4j.metrics.LabelValues;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    final PrometheusMetrics metrics = PrometheusMetrics.create();

    Exposition scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void counterLabelsComeFromWithInAnyOrder() throws Exception {
        PrometheusCounter requests = metrics.counter("requests_total", "Requests received.", "method", "error");
        PrometheusCounter getUser = requests.with("method", "GetUser");
        getUser.with("error", "false").add(1);
        getUser.with("error", "false").add(2);
        requests.with("error", "false", "method", "GetUser").add(1);
        requests.with("method", "GetUser", "error", "true").add(1);
        Exposition e = scrape();
        assertEquals("counter", e.types.get("requests_total"));
        assertEquals("Requests received.", e.helps.get("requests_total"));
        assertEquals(4.0, e.value("requests_total", "method", "GetUser", "error", "false"));
        assertEquals(1.0, e.value("requests_total", "method", "GetUser", "error", "true"));
        assertEquals(2, e.named("requests_total").size());
        assertEquals(List.of("method", "error"), requests.labelNames());
    }

    @Test
    void withIsImmutable() {
        PrometheusCounter c = metrics.counter("c_total", "c", "a", "b");
        PrometheusCounter a = c.with("a", "1");
        PrometheusCounter ab = a.with("b", "2");
        assertNotSame(c, a);
        assertSame(a, a.with());
        assertEquals(LabelValues.EMPTY, c.labelValues());
        assertEquals(LabelValues.of("a", "1"), a.labelValues());
        assertEquals(LabelValues.of("a", "1", "b", "2"), ab.labelValues());
    }

    @Test
    void completingTheLabelsCreatesTheSeriesAtZero() throws Exception {
        PrometheusCounter c = metrics.counter("events_total", "e", "method", "error");
        c.with("method", "A");
        assertTrue(scrape().named("events_total").isEmpty(), "incomplete labels create nothing");
        c.with("method", "A").with("error", "true");
        assertEquals(0.0, scrape().value("events_total", "method", "A", "error", "true"));
    }

    @Test
    void labelMismatchesFail() {
        PrometheusCounter c = metrics.counter("calls_total", "calls", "method", "error");
        Counter partial = c.with("method", "A");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> partial.add(1));
        assertEquals("metric calls: no value for label error; label values given: [method=A]", missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> c.with("zone", "eu"));
        assertEquals("metric calls: label zone is not declared; declared labels: [method, error]", unknown.getMessage());
        PrometheusGauge plain = metrics.gauge("plain", "no labels");
        assertThrows(IllegalArgumentException.class, () -> plain.with("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> c.with("method", "A", "error", "false").add(-1),
                "Prometheus counters only go up");
        assertEquals("unknown", c.with("method", "A", "error").labelValues().value(1));
    }

    @Test
    void gaugeSetsAndAdds() throws Exception {
        PrometheusGauge g = metrics.gauge("in_flight", "Requests in flight.", "route");
        g.with("route", "/a").set(5);
        g.with("route", "/a").add(-2);
        metrics.gauge("temperature", "No labels.").add(21.5);
        Exposition e = scrape();
        assertEquals("gauge", e.types.get("in_flight"));
        assertEquals(3.0, e.value("in_flight", "route", "/a"));
        assertEquals(21.5, e.value("temperature"));
    }

    @Test
    void histogramBucketsAreConfigurableAndCumulative() throws Exception {
        PrometheusHistogram h = metrics.histogram("request_duration_seconds", "Request duration.",
                new double[] {0.01, 0.1, 1}, "method");
        for (double v : new double[] {0.003, 0.02, 0.7, 20}) {
            h.with("method", "GetUser").observe(v);
        }
        Exposition e = scrape();
        assertEquals("histogram", e.types.get("request_duration_seconds"));
        assertEquals(1.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "0.01"));
        assertEquals(2.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "0.1"));
        assertEquals(3.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "1.0"));
        assertEquals(4.0, e.value("request_duration_seconds_bucket", "method", "GetUser", "le", "+Inf"));
        assertEquals(4, e.named("request_duration_seconds_bucket").size());
        assertEquals(4.0, e.value("request_duration_seconds_count", "method", "GetUser"));
        assertEquals(20.723, e.value("request_duration_seconds_sum", "method", "GetUser"), 1e-9);
    }

    @Test
    void defaultHistogramBucketsAreThePrometheusOnes() throws Exception {
        metrics.histogram("d_seconds", "d").observe(0.2);
        Exposition e = scrape();
        assertEquals(12, e.named("d_seconds_bucket").size());
        assertEquals(0.0, e.value("d_seconds_bucket", "le", "0.1"));
        assertEquals(1.0, e.value("d_seconds_bucket", "le", "0.25"));
        assertArrayEquals(new double[] {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}, PrometheusMetrics.defaultBuckets());
    }

    @Test
    void summaryReportsQuantilesCountAndSum() throws Exception {
        PrometheusSummary s = metrics.summary("latency_seconds", "Latency.", new double[] {0.5, 0.9, 0.99}, "method");
        for (int i = 1; i <= 100; i++) {
            s.with("method", "GetUser").observe(i);
        }
        Exposition e = scrape();
        assertEquals("summary", e.types.get("latency_seconds"));
        assertEquals(50.0, e.value("latency_seconds", "method", "GetUser", "quantile", "0.5"), 5);
        assertEquals(90.0, e.value("latency_seconds", "method", "GetUser", "quantile", "0.9"), 2);
        assertEquals(99.0, e.value("latency_seconds", "method", "GetUser", "quantile", "0.99"), 1);
        assertEquals(100.0, e.value("latency_seconds_count", "method", "GetUser"));
        assertEquals(5050.0, e.value("latency_seconds_sum", "method", "GetUser"));
    }

    @Test
    void duplicatesAndBadNamesAreRefusedByTheClient() {
        metrics.counter("dup_total", "d");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> metrics.counter("dup_total", "d"));
        assertTrue(dup.getMessage().contains("duplicate metric name"), dup.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> metrics.counter("bad name", "b"));
        assertEquals("not a valid Prometheus metric name: bad name", name.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> metrics.histogram("h_seconds", "h", "http.method"));
        assertEquals("metric h_seconds: not a valid Prometheus label name: http.method", label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("g", "g", "__reserved"));
    }

    @Test
    void registriesAreSeparate() throws Exception {
        PrometheusMetrics other = PrometheusMetrics.on(new PrometheusRegistry());
        other.counter("only_here_total", "x").add(1);
        metrics.counter("only_here_total", "x").add(2);
        assertEquals(2.0, scrape().value("only_here_total"));
        assertTrue(PrometheusRegistry.defaultRegistry.scrape().stream()
                .noneMatch(m -> m.getMetadata().getName().equals("only_here")), "nothing goes to the default registry");
    }

    @Test
    void wrapChecksTheLabelNamesAndUnwrapGivesTheMetricBack() {
        io.prometheus.metrics.core.metrics.Counter raw = io.prometheus.metrics.core.metrics.Counter.builder()
                .name("raw_total").help("r").labelNames("a").register(metrics.registry());
        PrometheusCounter c = PrometheusCounter.wrap(raw, "a");
        c.with("a", "x").add(3);
        assertSame(raw, c.unwrap());
        assertEquals(3.0, raw.labelValues("x").get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusCounter.wrap(raw, "b"));
        assertTrue(e.getMessage().startsWith("metric raw has no label b"), e.getMessage());
    }

    @Test
    void bucketHelpers() {
        assertArrayEquals(new double[] {100, 1000, 10000, 100000}, PrometheusMetrics.exponentialBuckets(100, 10, 4));
        assertArrayEquals(new double[] {1, 3, 5}, PrometheusMetrics.linearBuckets(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PrometheusMetrics.exponentialBuckets(0, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PrometheusMetrics.linearBuckets(0, 0, 3));
    }

    @Test
    void multiWorksOverPrometheusAndInMemory() throws Exception {
        io.kit4j.metrics.inmemory.InMemoryCounter mem = new io.kit4j.metrics.inmemory.InMemoryCounter("m");
        Counter both = io.kit4j.metrics.MultiCounter.of(metrics.counter("both_total", "b", "k"), mem);
        both.with("k", "v").add(2);
        assertEquals(2.0, scrape().value("both_total", "k", "v"));
        assertEquals(Map.of(LabelValues.of("k", "v"), 2.0), mem.values());
    }
}
