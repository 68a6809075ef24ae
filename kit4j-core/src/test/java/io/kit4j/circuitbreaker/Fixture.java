package io.kit4j.circuitbreaker;

import io.kit4j.context.Context;
import io.kit4j.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A registry on a manual clock, with helpers that drive a breaker through calls. */
final class Fixture {
    final ManualClock clock = new ManualClock();
    final CircuitBreakers registry;
    final Context ctx = Context.background(clock);
    final List<StateChange> changes = Collections.synchronizedList(new ArrayList<>());

    Fixture(Settings defaults) {
        registry = new CircuitBreakers(clock, defaults);
        registry.onStateChange(changes::add);
    }

    Fixture(Isolation isolation) {
        this(Settings.builder().isolation(isolation).build());
    }

    Fixture() {
        this(Isolation.SAME_THREAD);
    }

    CircuitBreaker breaker() {
        return registry.get("cmd");
    }

    /** A successful call; returns what the caller got. */
    String succeed(CircuitBreaker cb) throws Exception {
        return cb.execute(ctx, c -> "ok", (c, cause) -> "fallback:" + cause.getMessage());
    }

    /** A failing call; returns what the caller got from the fallback. */
    String fail(CircuitBreaker cb) throws Exception {
        return cb.execute(ctx, c -> {
            throw new IOException("boom");
        }, (c, cause) -> "fallback:" + cause.getMessage());
    }

    void times(int n, ThrowingRunnable r) throws Exception {
        for (int i = 0; i < n; i++) {
            r.run();
        }
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
