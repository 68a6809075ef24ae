package io.kit4j.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.metrics.inmemory.InMemoryCounter;
import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.RateLimitException;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** {@link RedisLimiter} against a real Redis ({@link RedisServer}): bucket semantics, sharing, expiry, outages. */
class RedisLimiterTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private RedisClient jedis;
    private String prefix;

    @BeforeEach
    void connect() throws Exception {
        REDIS.resume();
        if (!redisAnswers()) {
            REDIS.restart(); // a test before this one may have killed it
        }
        jedis = RedisClients.pooled(REDIS.uri(), TIMEOUT);
        prefix = "test:" + UUID.randomUUID() + ":"; // buckets of one test are never another test's
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    private static boolean redisAnswers() {
        try (RedisClient probe = RedisClients.pooled(REDIS.uri(), Duration.ofSeconds(2))) {
            return "PONG".equals(probe.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private RedisLimiter.Builder limiter(double perSecond, int burst) {
        return RedisLimiter.builder(jedis, Limit.of(perSecond), burst).prefix(prefix);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void startsFullAdmitsTheBurstThenRefusesWithTheTimeUntilATokenComes() {
        RedisLimiter l = limiter(0.01, 5).build(); // one token per 100 s: nothing refills during the test
        for (int i = 0; i < 5; i++) {
            Decision d = l.allowN("alice", 1);
            assertTrue(d.allowed(), "token " + (i + 1) + " of the burst");
            assertEquals(0, d.waitNanos());
            assertFalse(d.degraded());
            assertTrue(d.tokens() >= 4 - i && d.tokens() < 4 - i + 0.01, "tokens left: " + d.tokens());
        }
        Decision refused = l.allowN("alice", 1);
        assertFalse(refused.allowed());
        assertTrue(refused.waitNanos() > 90_000_000_000L && refused.waitNanos() <= 100_000_000_000L,
                "a token comes within 100 s: " + refused.waitNanos());
        assertTrue(l.allow("bob"), "another key has its own bucket");
        assertTrue(jedis.exists(prefix + "alice"), "the bucket's key is the prefix and the key");

        RateLimitException e = assertThrows(RateLimitException.class, () -> l.check("alice"));
        assertEquals(429, e.status());
        assertEquals(List.of("100"), e.headers().get("Retry-After"));
    }

    @Test
    void takesNTokensAtOnceAndNeverMoreThanTheBurst() {
        RedisLimiter l = limiter(0.01, 5).build();
        Decision tooMany = l.allowN("k", 6);
        assertFalse(tooMany.allowed());
        assertEquals(Long.MAX_VALUE, tooMany.waitNanos(), "n above the burst can never pass");
        assertTrue(tooMany.waitDuration().isEmpty());
        assertFalse(jedis.exists(prefix + "k"), "a refusal writes nothing");
        assertTrue(l.allowN("k", 3).allowed());
        Decision three = l.allowN("k", 3);
        assertFalse(three.allowed(), "2 left");
        assertTrue(three.waitNanos() > 90_000_000_000L, "one more token takes about 100 s: " + three.waitNanos());
        assertTrue(l.allowN("k", 2).allowed());
        assertTrue(l.allowN("k", 0).allowed(), "n = 0 always passes, as in x/time/rate");
        assertThrows(IllegalArgumentException.class, () -> l.allowN("k", -1));
    }

    @Test
    void refillsAtTheRateAndNeverAdmitsMoreThanBurstPlusRateTimesElapsed() throws Exception {
        double rate = 20;
        int burst = 3;
        RedisLimiter l = limiter(rate, burst).build();
        long start = System.nanoTime();
        int admitted = 0;
        long loopEnd = start + TimeUnit.MILLISECONDS.toNanos(600);
        while (System.nanoTime() < loopEnd) {
            if (l.allow("k")) {
                admitted++;
            }
        }
        double elapsedUpper = (System.nanoTime() - start) / 1e9;
        assertTrue(admitted >= burst, "the full bucket's burst at least: " + admitted);
        assertTrue(admitted <= burst + rate * elapsedUpper + 1e-9,
                admitted + " admitted in at most " + elapsedUpper + " s");
        await("a token again after the refill", () -> l.allow("k"));
    }

    @Test
    void reserveTakesTokensAheadWithinTheLongestWait() throws Exception {
        RedisLimiter l = limiter(10, 1).build(); // a token per 100 ms
        Decision first = l.reserveN("k", 1, Duration.ZERO);
        assertTrue(first.allowed());
        assertEquals(0, first.waitNanos());
        Decision ahead = l.reserveN("k", 1, Duration.ofSeconds(5));
        assertTrue(ahead.allowed());
        assertTrue(ahead.waitNanos() > 0 && ahead.waitNanos() <= 100_000_000L, "wait " + ahead.waitNanos());
        assertTrue(ahead.tokens() < 0, "the bucket owes a token: " + ahead.tokens());
        Decision tooLate = l.reserveN("k", 1, Duration.ofMillis(1));
        assertFalse(tooLate.allowed(), "the next token would come after ~100-200 ms");
        assertTrue(tooLate.waitNanos() > 1_000_000L);
        assertFalse(l.reserveN("k", 2, Duration.ofDays(1)).allowed(), "n above the burst never");

        l.awaitN(Context.background(), "other", 1);
        l.awaitN(Context.background(), "other", 1); // waits about 100 ms for its token
        assertThrows(RateLimitException.class, () -> l.awaitN(Context.background(), "other", 2));
        RedisLimiter slow = limiter(0.01, 1).build();
        slow.awaitN(Context.background().withTimeout(Duration.ofSeconds(30)), "s", 1);
        assertThrows(RateLimitException.class, // the next token comes in about 100 s
                () -> slow.awaitN(Context.background().withTimeout(Duration.ofSeconds(30)), "s", 1));
    }

    @Test
    void manyVirtualThreadsOnTwoClientsNeverExceedTheSharedBudget() throws Exception {
        double rate = 10;
        int burst = 50;
        try (RedisClient second = RedisClients.pooled(REDIS.uri(), Duration.ofSeconds(5));
                RedisClient first = RedisClients.pooled(REDIS.uri(), Duration.ofSeconds(5))) {
            RedisLimiter a = RedisLimiter.builder(first, Limit.of(rate), burst).prefix(prefix).build();
            RedisLimiter b = RedisLimiter.builder(second, Limit.of(rate), burst).prefix(prefix).build();
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger degraded = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 200; t++) {
                    RedisLimiter l = t % 2 == 0 ? a : b;
                    all.add(threads.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            Decision d = l.allowN("shared", 1);
                            if (d.degraded()) {
                                degraded.incrementAndGet();
                            } else if (d.allowed()) {
                                admitted.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            double elapsedUpper = (System.nanoTime() - start) / 1e9;
            assertEquals(0, degraded.get(), "Redis answered every call");
            assertTrue(admitted.get() >= burst, "the full bucket at least: " + admitted.get());
            assertTrue(admitted.get() <= burst + rate * elapsedUpper + 1e-9,
                    admitted.get() + " of 2000 admitted in at most " + elapsedUpper + " s");
        }
    }

    @Test
    void aBucketsKeyExpiresOnceItWouldBeFullAgain() throws Exception {
        RedisLimiter l = limiter(10, 2).expiryMargin(Duration.ofMillis(50)).build();
        assertTrue(l.allowN("k", 2).allowed());
        long pttl = jedis.pttl(prefix + "k");
        assertTrue(pttl > 0 && pttl <= 250, "2 tokens at 10/s take 200 ms, + 50 ms margin: " + pttl);
        await("the key expired", () -> !jedis.exists(prefix + "k"));
        assertTrue(l.allowN("k", 2).allowed(), "a missing key is a full bucket");

        RedisLimiter slow = limiter(0.001, 1).build();
        assertTrue(slow.allow("s"));
        assertTrue(jedis.pttl(prefix + "s") > 999_000, "1 token at 0.001/s: about 1000 s");
    }

    @Test
    void runsTheScriptByItsTextWhenRedisForgotIt() {
        RedisLimiter l = limiter(0.01, 2).build();
        assertTrue(l.allow("k"));
        jedis.scriptFlush();
        Decision d = l.allowN("k", 1);
        assertTrue(d.allowed());
        assertFalse(d.degraded(), "NOSCRIPT is answered by EVAL, not counted as an outage");
        assertFalse(l.allow("k"));
    }

    @Test
    void failsOpenWhileRedisIsDeadWithoutHangingThenWorksAgainAfterItRestarts() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        InMemoryCounter withoutRedis = new InMemoryCounter("degraded");
        RedisLimiter l = limiter(0.01, 1).retryInterval(Duration.ofMillis(50))
                .logger(kv -> logs.add(String.valueOf(kv[1])))
                .degraded(withoutRedis).build();
        assertTrue(l.allow("k"));
        assertFalse(l.allow("k"));
        REDIS.kill();
        for (int i = 0; i < 20; i++) {
            Decision d = within10s(() -> l.allowN("k", 1));
            assertTrue(d.allowed(), "admitted while Redis is dead (failOpen)");
            assertTrue(d.degraded());
        }
        assertTrue(l.redisDown());
        assertEquals(20, withoutRedis.value());
        assertEquals(1, logs.stream().filter(m -> m.contains("unavailable")).count(), "logged once: " + logs);

        REDIS.restart(); // empty: the script is unknown to it (NOSCRIPT), the bucket is full again
        await("decisions from Redis again", () -> !l.allowN("k", 1).degraded());
        assertFalse(l.allow("k"), "the restarted server's bucket was just emptied");
        assertFalse(l.redisDown());
        assertEquals(1, logs.stream().filter(m -> m.contains("available again")).count(), "logged once: " + logs);
    }

    @Test
    void failsClosedWith503WhileRedisIsDead() throws Exception {
        RedisLimiter l = limiter(100, 10).failOpen(false).retryInterval(Duration.ofMillis(50)).build();
        assertTrue(l.allow("k"));
        REDIS.kill();
        Decision d = within10s(() -> l.allowN("k", 1));
        assertFalse(d.allowed());
        assertTrue(d.degraded());
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> l.check("k"));
        assertEquals(503, e.status());
        assertThrows(RedisUnavailableException.class, () -> l.awaitN(Context.background(), "k", 1));
        REDIS.restart();
        await("decisions from Redis again", () -> l.allow("k"));
    }

    @Test
    void aHungRedisCostsATimeoutNotAHang() throws Exception {
        RedisLimiter l = limiter(100, 10).retryInterval(Duration.ofMillis(50)).build();
        assertTrue(l.allow("k"));
        REDIS.pause();
        try {
            for (int i = 0; i < 5; i++) {
                Decision d = within10s(() -> l.allowN("k", 1));
                assertTrue(d.allowed() && d.degraded(), "admitted without an answer (failOpen)");
            }
        } finally {
            REDIS.resume();
        }
        await("decisions from Redis again", () -> !l.allowN("k", 1).degraded());
    }

    @Test
    void duringAnOutageOnlyOneCallPerRetryIntervalTriesRedis() throws Exception {
        ManualClock clock = new ManualClock();
        RedisLimiter l = limiter(100, 10).clock(clock).retryInterval(Duration.ofSeconds(1)).build();
        REDIS.kill();
        assertTrue(l.allowN("k", 1).degraded());
        REDIS.restart();
        assertTrue(l.allowN("k", 1).degraded(), "no new try before the retry interval has passed");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(l.allowN("k", 1).degraded(), "the interval passed: Redis is asked again");
        assertFalse(l.allowN("k", 1).degraded());
    }

    @Test
    void rejectsSettingsASharedBucketCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> RedisLimiter.builder(jedis, Limit.inf(), 1));
        assertThrows(IllegalArgumentException.class, () -> RedisLimiter.builder(jedis, Limit.of(0), 1));
        assertThrows(IllegalArgumentException.class, () -> RedisLimiter.builder(jedis, Limit.of(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> RedisClients.pooled(java.net.URI.create("http://127.0.0.1:1"), TIMEOUT));
    }

    private static Decision within10s(java.util.concurrent.Callable<Decision> call) throws Exception {
        ExecutorService one = Executors.newVirtualThreadPerTaskExecutor();
        try {
            return one.submit(call).get(10, TimeUnit.SECONDS); // a hang fails here instead of blocking the build
        } finally {
            one.shutdownNow();
        }
    }
}
