package io.kit4j.ratelimit.redis;

import io.kit4j.log.Logger;
import io.kit4j.metrics.Counter;
import io.kit4j.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether Redis is to be asked, so that a dead or hung Redis costs one timeout per retry interval, not one
 * per request. After a failure the store counts as down: for {@code retryInterval} no call goes to Redis,
 * then one caller at a time probes it again; the first success ends the outage. The start and the end of
 * each outage are logged once (the end with its length and the number of decisions made without Redis),
 * and every decision made without Redis is counted in {@code degraded}.
 */
final class Outage {
    private final Clock clock;
    private final long retryIntervalNanos;
    private final Logger logger;
    private final Counter degraded;
    private final String policy;
    private final Object lock = new Object();
    private volatile boolean down;
    private final AtomicLong nextProbe = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private long startedAt;

    Outage(Clock clock, long retryIntervalNanos, Logger logger, Counter degraded, boolean failOpen) {
        this.clock = clock;
        this.retryIntervalNanos = retryIntervalNanos;
        this.logger = logger;
        this.degraded = degraded;
        this.policy = failOpen ? "admitting (failOpen)" : "refusing (failClosed)";
    }

    /** True when this caller should ask Redis: no outage, or this caller won the next probe. */
    boolean shouldTry() {
        if (!down) {
            return true;
        }
        long next = nextProbe.get();
        long now = clock.nanoTime();
        return now - next >= 0 && nextProbe.compareAndSet(next, now + retryIntervalNanos);
    }

    /** Redis answered: ends an outage. */
    void succeeded() {
        if (!down) {
            return;
        }
        long lengthMillis;
        long count;
        synchronized (lock) {
            if (!down) {
                return;
            }
            down = false;
            lengthMillis = (clock.nanoTime() - startedAt) / 1_000_000;
            count = decisions.get();
        }
        logger.log("msg", "redis rate limit store available again", "outageMillis", lengthMillis,
                "decisionsWithoutRedis", count);
    }

    /** Redis failed (the caller then decides without it): starts an outage, logged once. */
    void failed(Exception e) {
        boolean started = false;
        synchronized (lock) {
            nextProbe.set(clock.nanoTime() + retryIntervalNanos);
            if (!down) {
                down = true;
                startedAt = clock.nanoTime();
                decisions.set(0);
                started = true;
            }
        }
        if (started) {
            logger.log("msg", "redis rate limit store unavailable, " + policy + " until it answers", "err",
                    e.toString());
        }
    }

    /** A decision was made without Redis. */
    void decidedWithout() {
        decisions.incrementAndGet();
        degraded.add(1);
    }

    /** True while Redis counts as down. */
    boolean isDown() {
        return down;
    }
}
