package io.kit4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsLikeGo() {
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("1ns", Durations.format(Duration.ofNanos(1)));
        assertEquals("999ns", Durations.format(Duration.ofNanos(999)));
        assertEquals("1µs", Durations.format(Duration.ofNanos(1_000)));
        assertEquals("1.5µs", Durations.format(Duration.ofNanos(1_500)));
        assertEquals("1.234567ms", Durations.format(Duration.ofNanos(1_234_567)));
        assertEquals("1s", Durations.format(Duration.ofSeconds(1)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1_500)));
        assertEquals("1m0s", Durations.format(Duration.ofMinutes(1)));
        assertEquals("2h3m4.000000005s", Durations.format(Duration.ofHours(2).plusMinutes(3).plusSeconds(4).plusNanos(5)));
        assertEquals("-1.5ms", Durations.format(Duration.ofNanos(-1_500_000)));
    }

    @Test
    void manualClockMovesOnlyWhenTold() {
        ManualClock c = new ManualClock();
        var t0 = c.now();
        long n0 = c.nanoTime();
        assertEquals(t0, c.now());
        c.advance(Duration.ofMillis(5));
        assertEquals(5_000_000, c.nanoTime() - n0);
        assertEquals(t0.plusMillis(5), c.now());
        c.set(t0.plusSeconds(60));
        assertEquals(t0.plusSeconds(60), c.now());
    }
}
