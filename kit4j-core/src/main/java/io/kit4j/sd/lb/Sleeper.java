package io.kit4j.sd.lb;

import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retry attempts. The system sleeper waits on the wall clock and wakes early when the
 * context is cancelled; tests pass one that moves a {@link io.kit4j.time.ManualClock} instead.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits {@code duration}, or less if {@code ctx} is cancelled meanwhile. */
    void sleep(Context ctx, Duration duration) throws InterruptedException;

    /** Waits on the wall clock; wakes when {@code ctx} is cancelled. */
    static Sleeper system() {
        return (ctx, duration) -> {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            CountDownLatch cancelled = new CountDownLatch(1);
            try (Registration r = ctx.onCancel(cancelled::countDown)) {
                cancelled.await(saturatedNanos(duration), TimeUnit.NANOSECONDS);
            }
        };
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
