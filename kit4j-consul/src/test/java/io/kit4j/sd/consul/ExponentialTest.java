package io.kit4j.sd.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialTest {

    @Test
    void doublesTimesJitterFromHalfToOneAndAHalf() {
        Duration d = Duration.ofMillis(10);
        assertEquals(Duration.ofMillis(20), Exponential.next(d, () -> 0.5));
        assertEquals(Duration.ofMillis(10), Exponential.next(d, () -> 0.0));
        assertEquals(Duration.ofMillis(30), Exponential.next(d, () -> 1.0));
        assertEquals(Duration.ofMillis(25), Exponential.next(d, () -> 0.75));
    }

    @Test
    void startsAtTenMillisAndIsCappedAtOneMinute() {
        assertEquals(Duration.ofMillis(10), Exponential.INITIAL);
        Duration d = Exponential.INITIAL;
        int steps = 0;
        while (d.compareTo(Exponential.CAP) < 0) {
            d = Exponential.next(d, () -> 0.5);
            steps++;
        }
        assertEquals(Duration.ofMinutes(1), d);
        assertEquals(13, steps); // 10 ms * 2^12 = 40.96 s; one more doubling passes the minute
        assertEquals(Duration.ofMinutes(1), Exponential.next(Duration.ofMinutes(1), () -> 0.0));
        assertEquals(Duration.ofMinutes(1), Exponential.next(Duration.ofSeconds(45), () -> 0.99));
    }
}
