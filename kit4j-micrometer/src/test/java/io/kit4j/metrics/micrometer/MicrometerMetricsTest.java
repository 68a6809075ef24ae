package io.kit4j.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.metrics.InstrumentingMiddleware;
import io.kit4j.metrics.LabelValues;
import io.kit4j.time.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bridge against Micrometer's own {@link SimpleMeterRegistry}, read back through Micrometer's API. */
class MicrometerMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerMetrics metrics = MicrometerMetrics.on(registry);

    @Test
    void counterLabelsBecomeTagsAndInstancesWithEqualLabelsShareOneMeter() {
        MicrometerCounter requests = metrics.counter("requests", "Requests.");
        MicrometerCounter get = requests.with("method", "GetUser");
        get.with("error", "false").add(2);
        requests.with("method", "GetUser", "error", "false").add(1.5);
        get.with("error", "true").add(1);
        assertEquals(3.5, registry.get("requests").tags("method", "GetUser", "error", "false").counter().count());
        assertEquals(1, registry.get("requests").tags("method", "GetUser", "error", "true").counter().count());
        assertEquals("Requests.", registry.get("requests").tags("error", "true").counter().getId().getDescription());
        assertEquals(LabelValues.of("method", "GetUser"), get.labelValues(), "with leaves the receiver unchanged");
        assertSame(requests, requests.with(), "no labels: the same instance");
    }

    @Test
    void oddLabelCountGetsUnknownAndARepeatedNameKeepsItsLastValue() {
        metrics.counter("c", "").with("method").add(1);
        assertEquals(1, registry.get("c").tag("method", "unknown").counter().count());
        metrics.counter("d", "").with("a", "1", "a", "2").add(1);
        Meter.Id id = registry.get("d").counter().getId();
        assertEquals("2", id.getTag("a"));
        assertEquals(1, id.getTags().size());
    }

    @Test
    void negativeCounterDeltaIsRefused() {
        MicrometerCounter c = metrics.counter("c", "").with("k", "v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.add(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void nullLabelIsRefusedAsInCore() {
        assertThrows(NullPointerException.class, () -> metrics.counter("c", "").with("k", null));
    }

    @Test
    void gaugeSetAndAddAreSharedByEveryInstanceWithTheSameLabels() {
        MicrometerGauge inFlight = metrics.gauge("in.flight", "Requests in flight.");
        inFlight.with("route", "/users").set(5);
        inFlight.with("route", "/users").add(-2);
        metrics.gauge("in.flight", "Requests in flight.").with("route", "/users").add(0.5);
        inFlight.with("route", "/other").add(7);
        assertEquals(3.5, registry.get("in.flight").tag("route", "/users").gauge().value());
        assertEquals(7, registry.get("in.flight").tag("route", "/other").gauge().value());
        assertEquals(3.5, inFlight.with("route", "/users").value());
    }

    @Test
    void gaugeSurvivesGarbageCollection() {
        metrics.gauge("g", "").set(42);
        System.gc();
        assertEquals(42, registry.get("g").gauge().value(), "the registry holds the value strongly");
    }

    @Test
    void histogramRecordsIntoADistributionSummaryWithOptions() {
        MicrometerHistogram sizes = metrics.histogram("response.size", "Response sizes.",
                b -> b.baseUnit("bytes").publishPercentiles(0.5));
        for (int v = 1; v <= 100; v++) {
            sizes.with("route", "/users").observe(v);
        }
        var summary = registry.get("response.size").tag("route", "/users").summary();
        assertEquals(100, summary.count());
        assertEquals(5050, summary.totalAmount());
        assertEquals(100, summary.max());
        assertEquals("bytes", summary.getId().getBaseUnit());
        ValueAtPercentile[] p = summary.takeSnapshot().percentileValues();
        assertEquals(1, p.length);
        assertEquals(0.5, p[0].percentile());
        assertTrue(p[0].value() >= 45 && p[0].value() <= 55, "median about 50: " + p[0].value());
    }

    @Test
    void timerObservesSeconds() {
        MicrometerTimer latency = metrics.timer("request.duration", "Request duration.");
        latency.with("method", "GetUser").observe(0.25);
        latency.with("method", "GetUser").observe(0.000_001_5);
        latency.with("method", "GetUser").observe(-1);
        var timer = registry.get("request.duration").tag("method", "GetUser").timer();
        assertEquals(2, timer.count(), "the negative observation is dropped");
        assertEquals(250_002, timer.totalTime(TimeUnit.NANOSECONDS) / 1000, 1.0);
        assertEquals(0.25, timer.max(TimeUnit.SECONDS), 1e-9);
    }

    record Answer(Throwable failed) implements Failer {
    }

    @Test
    void instrumentingMiddlewareCountsAndTimesByMethodAndError() throws Exception {
        ManualClock clock = new ManualClock();
        Endpoint<String, Answer> ep = (ctx, q) -> {
            clock.advance(Duration.ofMillis(20));
            if (q.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return new Answer(q.equals("fail") ? new IllegalArgumentException("no") : null);
        };
        Endpoint<String, Answer> instrumented = InstrumentingMiddleware.<String, Answer>of(
                metrics.counter("requests", "Requests."), metrics.timer("request.duration", "Duration."),
                "GetUser", clock).apply(ep);
        instrumented.call(Context.background(), "ok");
        instrumented.call(Context.background(), "ok");
        instrumented.call(Context.background(), "fail");
        assertThrows(IllegalStateException.class, () -> instrumented.call(Context.background(), "boom"));
        assertEquals(2, registry.get("requests").tags("method", "GetUser", "error", "false").counter().count());
        assertEquals(2, registry.get("requests").tags("method", "GetUser", "error", "true").counter().count());
        var ok = registry.get("request.duration").tags("method", "GetUser", "error", "false").timer();
        assertEquals(2, ok.count());
        assertEquals(0.040, ok.totalTime(TimeUnit.SECONDS), 1e-9);
    }
}
