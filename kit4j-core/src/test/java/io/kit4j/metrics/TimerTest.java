package io.kit4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.metrics.inmemory.InMemoryHistogram;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimerTest {
    final ManualClock clock = new ManualClock();
    final InMemoryHistogram h = new InMemoryHistogram("t");

    @Test
    void observesElapsedSecondsByDefault() {
        Timer t = Timer.start(h, clock);
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1.5, t.observeDuration());
        assertEquals(Duration.ofMillis(1500), t.elapsed());
        assertEquals(1, h.count());
        assertEquals(1.5, h.sum());
    }

    @Test
    void unitReturnsANewTimerWithTheSameStart() {
        Timer seconds = Timer.start(h, clock);
        clock.advance(Duration.ofMillis(250));
        Timer millis = seconds.unit(Duration.ofMillis(1));
        assertEquals(250.0, millis.observeDuration());
        assertEquals(0.25, seconds.observeDuration());
        assertEquals(250.0, seconds.unit(Duration.ofNanos(1_000_000)).observeDuration());
        assertThrows(IllegalArgumentException.class, () -> seconds.unit(Duration.ZERO));
    }

    @Test
    void aClockMovingBackObservesZero() {
        Timer t = Timer.start(h, clock);
        clock.advance(Duration.ofSeconds(-3));
        assertEquals(0.0, t.observeDuration());
        assertEquals(Duration.ZERO, t.elapsed());
    }

    @Test
    void closeObservesOnceMore() {
        try (Timer t = Timer.start(h.with("method", "GetUser"), clock)) {
            clock.advance(Duration.ofMillis(20));
            assertEquals(Duration.ofMillis(20), t.elapsed());
        }
        assertEquals(1, h.with("method", "GetUser").count());
        assertEquals(0.02, h.with("method", "GetUser").sum(), 1e-12);
        assertEquals(0, h.count());
    }
}
