package io.kit4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.errors.KitError;
import io.kit4j.metrics.inmemory.InMemoryCounter;
import io.kit4j.metrics.inmemory.InMemoryHistogram;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstrumentingMiddlewareTest {
    record Answer(String value, Throwable failed) implements Failer {
    }

    final ManualClock clock = new ManualClock();
    final InMemoryCounter requests = new InMemoryCounter("requests_total");
    final InMemoryHistogram latency = new InMemoryHistogram("request_duration_seconds");
    final NamedMiddleware metrics = InstrumentingMiddleware.named(requests, latency, clock);

    @Test
    void countsAndTimesSuccessesByMethod() throws Exception {
        Endpoint<String, String> e = metrics.apply("Echo", (ctx, q) -> {
            clock.advance(Duration.ofMillis(250));
            return q;
        });
        assertEquals("a", e.call(Context.background(), "a"));
        assertEquals("b", e.call(Context.background(), "b"));
        assertEquals(Map.of(LabelValues.of("method", "Echo", "error", "false"), 2.0), requests.values());
        InMemoryHistogram ok = latency.with("method", "Echo", "error", "false");
        assertEquals(2, ok.count());
        assertEquals(0.5, ok.sum(), 1e-12);
        assertEquals(0.25, ok.quantile(0.99));
    }

    @Test
    void thrownErrorsCountAsErrorsAndAreRethrown() {
        KitError boom = KitError.notFound("user 7 not found");
        Endpoint<String, String> e = metrics.apply("GetUser", (ctx, q) -> {
            clock.advance(Duration.ofMillis(3));
            throw boom;
        });
        assertSame(boom, assertThrows(KitError.class, () -> e.call(Context.background(), "7")));
        assertEquals(1.0, requests.with("method", "GetUser", "error", "true").value());
        assertEquals(0.0, requests.with("method", "GetUser", "error", "false").value());
        assertEquals(0.003, latency.with("method", "GetUser", "error", "true").sum(), 1e-12);
    }

    @Test
    void failedFailersCountAsErrorsAndSucceededOnesDoNot() throws Exception {
        Endpoint<Boolean, Answer> e = metrics.apply("Check",
                (ctx, fail) -> new Answer("x", fail ? new IllegalArgumentException("bad") : null));
        e.call(Context.background(), true);
        e.call(Context.background(), false);
        e.call(Context.background(), false);
        assertEquals(1.0, requests.with("method", "Check", "error", "true").value());
        assertEquals(2.0, requests.with("method", "Check", "error", "false").value());
        assertEquals(Set.of(LabelValues.of("method", "Check", "error", "true"),
                LabelValues.of("method", "Check", "error", "false")), latency.labelSets());
    }

    @Test
    void errorsThrownAsJavaErrorsCountToo() {
        Endpoint<String, String> e = InstrumentingMiddleware.<String, String>of(requests, latency, "Deep", clock)
                .apply((ctx, q) -> {
                    throw new StackOverflowError();
                });
        assertThrows(StackOverflowError.class, () -> e.call(Context.background(), "x"));
        assertEquals(1.0, requests.with("method", "Deep", "error", "true").value());
    }

    @Test
    void labelsGoAfterTheMetricsOwn() throws Exception {
        NamedMiddleware m = InstrumentingMiddleware.named(requests.with("service", "users"),
                latency.with("service", "users"), clock);
        m.<String, String>apply("Get", (ctx, q) -> q).call(Context.background(), "x");
        assertEquals(Map.of(LabelValues.of("service", "users", "method", "Get", "error", "false"), 1.0), requests.values());
    }
}
