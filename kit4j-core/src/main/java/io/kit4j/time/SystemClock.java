package io.kit4j.time;

import java.time.Instant;

/** The machine's clock; reach it through {@link Clock#system()}. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
