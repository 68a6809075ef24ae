package io.kit4j.metrics.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.metrics.LabelValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryMetricsTest {
    @Test
    void counterWithIsImmutableAndAccumulatesLabels() {
        InMemoryCounter c = new InMemoryCounter("requests_total");
        InMemoryCounter m = c.with("method", "GetUser");
        InMemoryCounter me = m.with("error", "false");
        assertNotSame(c, m);
        assertEquals(LabelValues.EMPTY, c.labelValues());
        assertEquals(LabelValues.of("method", "GetUser"), m.labelValues());
        assertEquals(LabelValues.of("method", "GetUser", "error", "false"), me.labelValues());
        assertSame(m, m.with());
        me.add(1);
        me.add(2.5);
        c.add(1);
        assertEquals(3.5, me.value());
        assertEquals(3.5, c.with("method", "GetUser", "error", "false").value(), "same label values, same series");
        assertEquals(0.0, m.value(), "a prefix of the labels is another series");
        assertEquals(1.0, c.value());
        assertEquals(Map.of(LabelValues.EMPTY, 1.0, LabelValues.of("method", "GetUser", "error", "false"), 3.5), c.values());
        assertEquals("requests_total", me.name());
    }

    @Test
    void counterValueResetReturnsAndClears() {
        InMemoryCounter c = new InMemoryCounter("c").with("a", "1");
        c.add(5);
        assertEquals(5.0, c.valueReset());
        assertEquals(0.0, c.value());
        c.add(1);
        assertEquals(1.0, c.value());
        assertEquals(0.0, new InMemoryCounter("fresh").valueReset());
    }

    @Test
    void gaugeSetsAndAddsPerSeries() {
        InMemoryGauge g = new InMemoryGauge("in_flight");
        g.with("route", "/a").set(3);
        g.with("route", "/a").add(-1);
        g.with("route", "/b").add(2);
        assertEquals(2.0, g.with("route", "/a").value());
        assertEquals(Map.of(LabelValues.of("route", "/a"), 2.0, LabelValues.of("route", "/b"), 2.0), g.values());
        assertEquals(0.0, g.value());
    }

    @Test
    void histogramQuantilesAreExactWhileValuesFitTheBins() {
        InMemoryHistogram h = new InMemoryHistogram("h", 200);
        List<Integer> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add(i);
        }
        Collections.shuffle(values, new Random(1));
        values.forEach(h::observe);
        assertEquals(1.0, h.quantile(0));
        assertEquals(50.0, h.quantile(0.5));
        assertEquals(90.0, h.quantile(0.9));
        assertEquals(95.0, h.quantile(0.95));
        assertEquals(99.0, h.quantile(0.99));
        assertEquals(100.0, h.quantile(1));
        assertEquals(100, h.count());
        assertEquals(5050.0, h.sum());
        assertEquals(50.5, h.mean());
    }

    @Test
    void histogramQuantilesApproximateANormalDistributionInFiftyBins() {
        // go-kit's teststat: 12345 observations, mean 500, standard deviation 25.
        InMemoryHistogram h = new InMemoryHistogram("latency", 50);
        Random r = new Random(42);
        for (int i = 0; i < 12345; i++) {
            h.observe(500 + 25 * r.nextGaussian());
        }
        assertEquals(12345, h.count());
        assertEquals(500.0, h.quantile(0.50), 5);
        assertEquals(532.0, h.quantile(0.90), 5);
        assertEquals(541.1, h.quantile(0.95), 5);
        assertEquals(558.2, h.quantile(0.99), 5);
    }

    @Test
    void histogramSeriesAreSeparateAndEmptyOnesAnswerNaN() {
        InMemoryHistogram h = new InMemoryHistogram("h");
        h.with("method", "A").observe(1);
        h.with("method", "A").observe(3);
        h.with("method", "B").observe(10);
        h.observe(Double.NaN);
        assertEquals(3.0, h.with("method", "A").quantile(0.9));
        assertEquals(10.0, h.with("method", "B").quantile(0.5));
        assertTrue(Double.isNaN(h.with("method", "C").quantile(0.5)));
        assertTrue(Double.isNaN(h.mean()));
        assertEquals(0, h.count());
        assertThrows(IllegalArgumentException.class, () -> h.quantile(1.5));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryHistogram("x", 0));
        assertEquals(2, h.labelSets().size());
    }

    @Test
    void oneBinMergesEverythingIntoTheMean() {
        InMemoryHistogram h = new InMemoryHistogram("h", 1);
        h.observe(1);
        h.observe(2);
        h.observe(6);
        assertEquals(3.0, h.quantile(0.5));
        assertEquals(3, h.count());
    }

    @Test
    void concurrentWritesAreNotLost() throws Exception {
        InMemoryCounter c = new InMemoryCounter("c");
        InMemoryHistogram h = new InMemoryHistogram("h");
        InMemoryGauge g = new InMemoryGauge("g");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        c.with("t", String.valueOf(id % 2)).add(1);
                        h.observe(i % 7);
                        g.add(1);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertEquals(40_000.0, c.with("t", "0").value());
        assertEquals(40_000.0, c.with("t", "1").value());
        assertEquals(80_000, h.count());
        assertEquals(80_000.0, g.value());
    }
}
