package io.kit4j.sd.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
                IntStream.rangeClosed(1, 6).mapToObj(n -> backoff.ceiling(n).toMillis()).toList());
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(Integer.MAX_VALUE));
        assertEquals(Duration.ofMillis(100), backoff.ceiling(0));
        Backoff huge = Backoff.exponential(Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, huge.ceiling(200).toNanos());
    }

    @Test
    void fullJitterDrawsUnderTheCeiling() {
        assertEquals(Duration.ZERO, backoff.withRandom(() -> 0.0).delay(3));
        assertEquals(Duration.ofMillis(100), backoff.withRandom(() -> 0.25).delay(3));
        assertEquals(Duration.ofMillis(400), backoff.withRandom(() -> 1.0).delay(3));
        for (int i = 0; i < 1_000; i++) {
            Duration d = backoff.delay(4);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofMillis(800)) < 0, d.toString());
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> backoff.withSleeper(null));
    }

    @Test
    void theSleeperIsReplaceable() {
        Sleeper s = (ctx, d) -> { };
        assertSame(s, backoff.withSleeper(s).sleeper());
    }

    @Test
    void theSystemSleeperWakesWhenTheContextIsCancelled() throws Exception {
        Cancellable c = Context.background().withCancel();
        CountDownLatch asleep = new CountDownLatch(1);
        CountDownLatch woke = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                asleep.countDown();
                Sleeper.system().sleep(c.context(), Duration.ofDays(1));
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        asleep.await();
        c.cancel();
        assertTrue(woke.await(30, TimeUnit.SECONDS), "the sleeper did not wake on cancellation");
        t.join();
        Sleeper.system().sleep(Context.background(), Duration.ZERO);
        Sleeper.system().sleep(Context.background(), Duration.ofSeconds(-1));
    }
}
