package io.kit4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kit4j.metrics.inmemory.InMemoryCounter;
import io.kit4j.metrics.inmemory.InMemoryGauge;
import io.kit4j.metrics.inmemory.InMemoryHistogram;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiAndDiscardTest {
    @Test
    void multiCounterFansOutAndAppliesWithToEach() {
        InMemoryCounter a = new InMemoryCounter("a");
        InMemoryCounter b = new InMemoryCounter("b");
        MultiCounter m = MultiCounter.of(a, b);
        m.add(1);
        MultiCounter labelled = m.with("method", "X");
        labelled.add(2);
        labelled.with("error", "true").add(4);
        for (InMemoryCounter c : new InMemoryCounter[] {a, b}) {
            assertEquals(Map.of(LabelValues.EMPTY, 1.0, LabelValues.of("method", "X"), 2.0,
                    LabelValues.of("method", "X", "error", "true"), 4.0), c.values());
        }
    }

    @Test
    void multiGaugeFansOutSetAndAdd() {
        InMemoryGauge a = new InMemoryGauge("a");
        InMemoryGauge b = new InMemoryGauge("b");
        MultiGauge m = MultiGauge.of(a, b).with("queue", "q1");
        m.set(10);
        m.add(-3);
        assertEquals(7.0, a.with("queue", "q1").value());
        assertEquals(7.0, b.with("queue", "q1").value());
        assertEquals(0.0, a.value());
    }

    @Test
    void multiHistogramFansOut() {
        InMemoryHistogram a = new InMemoryHistogram("a");
        InMemoryHistogram b = new InMemoryHistogram("b");
        MultiHistogram m = MultiHistogram.of(a, b);
        m.with("k", "v").observe(3);
        m.with("k", "v").observe(5);
        assertEquals(2, a.with("k", "v").count());
        assertEquals(8.0, b.with("k", "v").sum());
    }

    @Test
    void discardIgnoresEverythingAndWithReturnsItself() {
        Counter c = Discard.counter();
        Gauge g = Discard.gauge();
        Histogram h = Discard.histogram();
        c.add(1);
        g.set(1);
        g.add(1);
        h.observe(1);
        assertSame(c, c.with("a", "b"));
        assertSame(g, g.with("a", "b"));
        assertSame(h, h.with("a", "b"));
    }
}
