package io.kit4j.sd.consul;

import io.kit4j.context.Context;
import io.kit4j.sd.lb.Sleeper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A sleeper that does not sleep: it records each requested wait, so backoff tests are deterministic.
 * Optionally the n-th call is held until {@link #release()}, which freezes the instancer mid-backoff.
 */
final class RecordingSleeper implements Sleeper {
    private final CopyOnWriteArrayList<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int holdAt = -1;

    @Override
    public void sleep(Context ctx, Duration duration) throws InterruptedException {
        sleeps.add(duration);
        if (sleeps.size() == holdAt) {
            released.await();
        }
    }

    /** Holds the {@code n}-th call (1-based) until {@link #release()}. */
    RecordingSleeper holdAt(int n) {
        holdAt = n;
        return this;
    }

    void release() {
        released.countDown();
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    static List<Duration> millis(long... ms) {
        return Arrays.stream(ms).mapToObj(Duration::ofMillis).toList();
    }
}
