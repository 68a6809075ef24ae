package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {

    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofSeconds(10), GoDurations.parse("10s"));
        assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
        assertEquals(Duration.ofMinutes(1), GoDurations.parse("1m0s"));
        assertEquals(Duration.ofMillis(500), GoDurations.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), GoDurations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(90), GoDurations.parse("1.5h"));
        assertEquals(Duration.ofNanos(1_500), GoDurations.parse("1.5µs"));
        assertEquals(Duration.ofNanos(2_000), GoDurations.parse("2us"));
        assertEquals(Duration.ofNanos(7), GoDurations.parse("7ns"));
        assertEquals(Duration.ZERO, GoDurations.parse("0"));
        assertEquals(Duration.ofSeconds(-3), GoDurations.parse("-3s"));
        assertEquals(Duration.ofMillis(500), GoDurations.parse(".5s"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[] {"", "10", "s", "10 s", "1x", "1m30", "1.2.3s", "--1s", "abc"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("9999999999h"));
    }

    @Test
    void formatRoundTrips() {
        for (Duration d : new Duration[] {Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMillis(1500), Duration.ofHours(2).plusSeconds(3)}) {
            assertEquals(d, GoDurations.parse(GoDurations.format(d)), GoDurations.format(d));
        }
        assertEquals("1m0s", GoDurations.format(Duration.ofMinutes(1)));
        assertEquals("200ms", GoDurations.format(Duration.ofMillis(200)));
    }
}
