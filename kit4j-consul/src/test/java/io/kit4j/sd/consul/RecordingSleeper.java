package io.kit4j.sd.consul;

import io.kit4j.context.Context;
import io.kit4j.sd.lb.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that does not sleep: it records each requested wait, so backoff tests are deterministic. */
final class RecordingSleeper implements Sleeper {
    private final CopyOnWriteArrayList<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Context ctx, Duration duration) {
        sleeps.add(duration);
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    static List<Duration> millis(long... ms) {
        return java.util.Arrays.stream(ms).mapToObj(Duration::ofMillis).toList();
    }
}
