package io.kit4j.sd.etcd;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds; fails after a generous timeout (the machine may be slow and loaded). */
final class Eventually {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Waits until {@code condition} is true, checking every 20 ms; fails with {@code what} after 30 s. */
    static void await(String what, Check condition) throws Exception {
        await(what, TIMEOUT, condition);
    }

    static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(20);
        }
        AssertionError failure = new AssertionError("not within " + timeout + ": " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    /** Waits until {@code value} gives {@code expected}; fails showing the last value. */
    static <T> void awaitEquals(String what, T expected, Supplier<T> value) throws Exception {
        Object[] last = new Object[1];
        try {
            await(what, () -> {
                T v = value.get();
                last[0] = v;
                return expected.equals(v);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (expected " + expected + ", last " + last[0] + ")", e.getCause());
        }
    }

    /** A condition that may throw. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
