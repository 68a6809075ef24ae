package io.kit4j.ratelimit.redis;

import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import io.kit4j.log.Logger;
import io.kit4j.metrics.Counter;
import io.kit4j.metrics.Discard;
import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.RateLimitException;
import io.kit4j.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A token bucket per key whose state lives in Redis, so every process that uses the same Redis, prefix and
 * key shares one bucket: golang.org/x/time/rate's {@code Limiter} ({@code limit} tokens per second, capacity
 * {@code burst}, initially full) for a fleet instead of one process.
 *
 * <pre>{@code
 * UnifiedJedis redis = RedisClients.pooled(URI.create("redis://127.0.0.1:6379"), Duration.ofMillis(100));
 * RedisLimiter limiter = RedisLimiter.builder(redis, Limit.of(50), 100).prefix("myapp:rl:").build();
 * if (!limiter.allow(clientAddress)) { ... 429 ... }        // or limiter.check(key): throws the 429
 * }</pre>
 *
 * <p>Each decision is one round trip: a Lua script ({@code token-bucket.lua}, by {@code EVALSHA}) reads the
 * bucket, refills it for the time passed on the <em>Redis server's</em> clock ({@code TIME}, so the clocks
 * of the callers do not matter), and takes the tokens or not, atomically. {@link #allowN} is x/time/rate's
 * {@code AllowN}: the tokens now or nothing, and a refusal says how long until {@code n} tokens would be
 * there (a {@code Retry-After}); {@link #reserveN} is its {@code ReserveN} bounded by a longest wait:
 * the tokens are taken ahead and the caller waits. A bucket's key expires once the bucket would be full
 * again (plus a margin), and a missing key is a full bucket, so idle keys cost no memory and their expiry
 * changes nothing. Deviations from x/time/rate, which a shared bucket imposes: time has microsecond
 * resolution; the limit must be positive and finite (no {@code Inf}, no zero-limit burst consumption); a
 * reservation cannot be cancelled (tokens of an abandoned wait stay taken); the limit and burst are the
 * limiter's, passed with every call, so a process with other settings on the same keys applies its own.
 *
 * <p>When Redis does not answer within the client's timeout (down, hung, pool exhausted) the limiter
 * decides without it: {@code failOpen} (the default) admits, otherwise it refuses with
 * {@link RedisUnavailableException} (503). An outage is logged once at its start and once at its end, every
 * decision made without Redis is counted, and during an outage only one call per {@code retryInterval}
 * tries Redis, so a dead Redis costs one timeout per interval, not one per request. Thread-safe; the calls
 * block their thread for the round trip (virtual threads are the intended callers).
 */
public final class RedisLimiter {
    private final UnifiedJedis jedis;
    private final double limit;
    private final int burst;
    private final String prefix;
    private final boolean failOpen;
    private final Outage outage;
    private final String rateArg;
    private final String burstArg;
    private final String marginArg;

    private RedisLimiter(Builder b) {
        this.jedis = b.jedis;
        this.limit = b.limit;
        this.burst = b.burst;
        this.prefix = b.prefix;
        this.failOpen = b.failOpen;
        this.outage = new Outage(b.clock, b.retryInterval.toNanos(), b.logger, b.degraded, b.failOpen);
        this.rateArg = Double.toString(b.limit);
        this.burstArg = Integer.toString(b.burst);
        this.marginArg = Long.toString(b.expiryMargin.toMillis());
    }

    /**
     * A builder for buckets of {@code limit} tokens per second (positive and finite) holding up to
     * {@code burst} (at least 1) in {@code jedis} (see {@link RedisClients#pooled} for one with short timeouts;
     * the limiter does not close it).
     */
    public static Builder builder(UnifiedJedis jedis, Limit limit, int burst) {
        return new Builder(jedis, limit, burst);
    }

    /** Tokens added per second. */
    public Limit limit() {
        return Limit.of(limit);
    }

    /** The bucket size: the most tokens one call may take. */
    public int burst() {
        return burst;
    }

    /** The prefix of every bucket's Redis key. */
    public String prefix() {
        return prefix;
    }

    /** True when the limiter admits while Redis does not answer. */
    public boolean failOpen() {
        return failOpen;
    }

    /** True while Redis counts as unavailable (see the class comment). */
    public boolean redisDown() {
        return outage.isDown();
    }

    /** {@code allowN(key, 1).allowed()}. */
    public boolean allow(String key) {
        return allowN(key, 1).allowed();
    }

    /**
     * x/time/rate's {@code AllowN} on the bucket of {@code key}: takes {@code n} tokens now if the bucket
     * holds them, else takes nothing; a refusal's {@link Decision#waitNanos()} is the time until {@code n}
     * tokens would be there (unknown when {@code n} exceeds the burst).
     */
    public Decision allowN(String key, int n) {
        return decide(key, n, 0);
    }

    /**
     * x/time/rate's {@code ReserveN} with a longest wait: takes {@code n} tokens if they will be there within
     * {@code maxWait} (the bucket may go negative) and says how long to wait before acting; takes nothing
     * when they would come later or never ({@code n} above the burst).
     */
    public Decision reserveN(String key, int n, Duration maxWait) {
        long micros = maxWait.isNegative() ? 0 : saturatedMicros(maxWait);
        return decide(key, n, micros);
    }

    /**
     * Takes one token of {@code key} or throws: {@link RateLimitException} (429, with {@code Retry-After}
     * the time until a token would be there), or {@link RedisUnavailableException} (503) when Redis did not
     * answer and the limiter fails closed.
     */
    public void check(String key) {
        Decision d = allowN(key, 1);
        if (!d.allowed()) {
            throw d.degraded() ? new RedisUnavailableException() : RateLimitException.limited(d.waitNanos());
        }
    }

    /**
     * x/time/rate's {@code WaitN} on the bucket of {@code key}: reserves {@code n} tokens if they come before
     * the context's deadline and sleeps until they are due. Throws at once, taking nothing, when {@code n}
     * exceeds the burst or the tokens would come after the deadline ({@link RateLimitException}), or when
     * Redis did not answer and the limiter fails closed; throws the context's error when it ends while
     * waiting (the reserved tokens then stay taken).
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void awaitN(Context ctx, String key, int n) throws InterruptedException {
        RuntimeException done = ctx.err();
        if (done != null) {
            throw done;
        }
        if (n > burst) {
            throw new RateLimitException("rate: Wait(n=" + n + ") exceeds limiter's burst " + burst);
        }
        Optional<Duration> remaining = ctx.remaining();
        Decision d = reserveN(key, n, remaining.orElse(Duration.ofDays(365)));
        if (!d.allowed()) {
            if (d.degraded()) {
                throw new RedisUnavailableException();
            }
            throw RateLimitException.limited(d.waitNanos());
        }
        sleep(ctx, d.waitNanos());
    }

    private static void sleep(Context ctx, long delay) throws InterruptedException {
        if (delay <= 0) {
            return;
        }
        Thread waiter = Thread.currentThread();
        long start = System.nanoTime();
        Registration wakeUp = ctx.onCancel(() -> LockSupport.unpark(waiter));
        try {
            for (;;) {
                long left = delay - (System.nanoTime() - start);
                if (left <= 0) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the rate limiter");
                }
                RuntimeException err = ctx.err();
                if (err != null) {
                    throw err;
                }
                LockSupport.parkNanos(ctx, left);
            }
        } finally {
            wakeUp.close();
        }
    }

    private Decision decide(String key, int n, long maxWaitMicros) {
        Objects.requireNonNull(key, "key");
        if (n < 0) {
            throw new IllegalArgumentException("n must be 0 or more, not " + n);
        }
        if (!outage.shouldTry()) {
            outage.decidedWithout();
            return Decision.withoutRedis(failOpen);
        }
        List<?> answer;
        try {
            answer = TokenBucketScript.run(jedis, prefix + key,
                    List.of(rateArg, burstArg, Integer.toString(n), Long.toString(maxWaitMicros), marginArg));
        } catch (JedisException | IllegalStateException e) {
            if (e instanceof JedisConnectionException && jedis instanceof RedisClient pooled) {
                pooled.getPool().clear(); // idle connections to a server that went away are stale too
            }
            outage.failed(e);
            outage.decidedWithout();
            return Decision.withoutRedis(failOpen);
        }
        outage.succeeded();
        boolean granted = number(answer.get(0)) == 1;
        long waitMicros = number(answer.get(1));
        long waitNanos = waitMicros < 0 ? Long.MAX_VALUE
                : waitMicros > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE - 1 : waitMicros * 1000;
        return new Decision(granted, waitNanos, Double.parseDouble(text(answer.get(2))), false);
    }

    private static long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("unexpected number in the token bucket script's answer: " + o);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static long saturatedMicros(Duration d) {
        try {
            return Math.min(d.toNanos() / 1000, 1L << 52); // exact in the script's doubles
        } catch (ArithmeticException e) {
            return 1L << 52;
        }
    }

    /** Options of a {@link RedisLimiter}. */
    public static final class Builder {
        private final UnifiedJedis jedis;
        private final double limit;
        private final int burst;
        private String prefix = "kit4j:rl:";
        private boolean failOpen = true;
        private Duration retryInterval = Duration.ofSeconds(1);
        private Duration expiryMargin = Duration.ofSeconds(1);
        private Logger logger = Logger.nop();
        private Counter degraded = Discard.counter();
        private Clock clock = Clock.system();

        private Builder(UnifiedJedis jedis, Limit limit, int burst) {
            this.jedis = Objects.requireNonNull(jedis, "jedis");
            Objects.requireNonNull(limit, "limit");
            if (!(limit.perSecond() > 0) || limit.isInf()) {
                throw new IllegalArgumentException("a Redis limiter needs a positive, finite limit, not " + limit);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, not " + burst);
            }
            this.limit = limit.perSecond();
            this.burst = burst;
        }

        /** Put in front of every key: buckets of limiters with different prefixes are separate. Default {@code kit4j:rl:}. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * What happens while Redis does not answer: true (the default) admits every call, false refuses
         * them ({@link RedisUnavailableException}, 503).
         */
        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        /** During an outage, how often one call tries Redis again; default 1 s. */
        public Builder retryInterval(Duration retryInterval) {
            if (retryInterval.isNegative()) {
                throw new IllegalArgumentException("retryInterval must not be negative");
            }
            this.retryInterval = retryInterval;
            return this;
        }

        /** How long a bucket's key lives on after it would be full again; default 1 s. */
        public Builder expiryMargin(Duration expiryMargin) {
            if (expiryMargin.isNegative()) {
                throw new IllegalArgumentException("expiryMargin must not be negative");
            }
            this.expiryMargin = expiryMargin;
            return this;
        }

        /** Where the start and end of an outage are logged; nowhere by default. */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Counts the decisions made without Redis (by the failure policy); discarded by default. */
        public Builder degraded(Counter degraded) {
            this.degraded = Objects.requireNonNull(degraded, "degraded");
            return this;
        }

        /** The clock of the retry interval (the buckets run on the Redis server's clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The limiter. */
        public RedisLimiter build() {
            return new RedisLimiter(this);
        }
    }
}
