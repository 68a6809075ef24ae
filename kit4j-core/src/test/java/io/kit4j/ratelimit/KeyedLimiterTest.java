package io.kit4j.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-key limiters: separate buckets, idle eviction that changes nothing, the hard cap, middlewares. */
class KeyedLimiterTest {
    private final ManualClock clock = new ManualClock();

    private KeyedLimiter<String> keyed(int maxKeys, Duration sweep) {
        return KeyedLimiter.<String>builder(Limit.every(Duration.ofSeconds(1)), 2)
                .clock(clock).maxKeys(maxKeys).sweepInterval(sweep).build();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        KeyedLimiter<String> k = keyed(100, Duration.ofHours(1));
        assertTrue(k.allow("a"));
        assertTrue(k.allow("a"));
        assertFalse(k.allow("a"));
        assertTrue(k.allow("b"));
        assertEquals(2, k.size());
        assertEquals(0.0, k.peek("a").tokens());
        assertNull(k.peek("c"));
    }

    @Test
    void aLimiterIsDroppedOnlyOnceItIsFullAgain() {
        KeyedLimiter<String> k = keyed(100, Duration.ofHours(1));
        k.allow("a");
        k.allow("a");
        k.allow("b");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, k.evictIdle(), "b is full again after 1 s, a is not");
        assertNull(k.peek("b"));
        assertNotNull(k.peek("a"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, k.evictIdle(), "a is full after burst / limit = 2 s");
        assertEquals(0, k.size());
        assertTrue(k.allow("a"));
        assertTrue(k.allow("a"));
        assertFalse(k.allow("a"), "a new limiter behaves as the dropped one would have");
    }

    @Test
    void aLimiterWithFutureReservationsIsKept() {
        KeyedLimiter<String> k = keyed(100, Duration.ofHours(1));
        k.allow("a");
        k.allow("a");
        Reservation r = k.reserve("a"); // due in 1 s
        assertTrue(r.ok());
        assertEquals(Duration.ofSeconds(1), r.delay());
        clock.advance(Duration.ofMillis(2500));
        assertEquals(0, k.evictIdle(), "tokens at 2.5 s: -1 + 2.5 = 1.5, not full");
        clock.advance(Duration.ofMillis(500));
        assertEquals(1, k.evictIdle());
    }

    @Test
    void idleKeysAreSweptOnTheNextCallAfterTheInterval() {
        KeyedLimiter<String> k = keyed(100, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            k.allow("k" + i);
        }
        assertEquals(5, k.size());
        clock.advance(Duration.ofSeconds(9));
        k.allow("x");
        assertEquals(6, k.size(), "no sweep before the interval");
        clock.advance(Duration.ofSeconds(1));
        k.allow("y");
        assertNull(k.peek("k0"), "k0 swept");
        assertEquals(1, k.size(), "only y, used at the sweep, remains");
    }

    @Test
    void theHardCapDropsIdleThenLeastRecentlyUsedKeys() {
        KeyedLimiter<String> k = keyed(8, Duration.ofHours(1));
        for (int i = 0; i < 8; i++) {
            k.allow("busy" + i);
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals(8, k.size());
        assertTrue(k.allow("new"));
        assertEquals(8, k.size(), "down to 7/8 of the cap, then the new key");
        assertNull(k.peek("busy0"), "the least recently used key went");
        assertNotNull(k.peek("busy1"));
        assertNotNull(k.peek("new"));
        for (int i = 0; i < 20; i++) {
            assertTrue(k.allow("more" + i));
            assertTrue(k.size() <= 8);
        }

        KeyedLimiter<String> idle = keyed(4, Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            idle.allow("old" + i);
        }
        clock.advance(Duration.ofSeconds(5));
        idle.allow("fresh");
        assertEquals(1, idle.size(), "the idle keys went first, and sufficed");
    }

    @Test
    void idleEvictionNeverChangesAnOutcome() {
        Random rnd = new Random(7);
        KeyedLimiter<String> k = KeyedLimiter.<String>builder(Limit.of(3.3), 4)
                .clock(clock).sweepInterval(Duration.ofMillis(700)).build();
        Map<String, Limiter> reference = new HashMap<>();
        int evictedTotal = 0;
        for (int i = 0; i < 20_000; i++) {
            clock.advance(Duration.ofMillis(rnd.nextInt(120)));
            String key = "c" + rnd.nextInt(6);
            Limiter ref = reference.computeIfAbsent(key, x -> Limiter.of(Limit.of(3.3), 4, clock));
            assertEquals(ref.allow(), k.allow(key), "call " + i);
            if (rnd.nextInt(50) == 0) {
                evictedTotal += k.evictIdle();
            }
        }
        assertTrue(evictedTotal > 100, "evictions happened: " + evictedTotal);
    }

    @Test
    void erroringAndDelayingByKey() throws Exception {
        ContextKey<String> client = new ContextKey<>("client");
        KeyedLimiter<String> k = keyed(100, Duration.ofHours(1));
        Endpoint<String, String> echo = (ctx, req) -> req;
        Endpoint<String, String> e = echo.with(RateLimit.erroring(k, (ctx, req) -> ctx.get(client)));
        Context alice = Context.background(clock).with(client, "alice");
        Context bob = Context.background(clock).with(client, "bob");
        e.call(alice, "1");
        e.call(alice, "2");
        RateLimitException err = assertThrows(RateLimitException.class, () -> e.call(alice, "3"));
        assertEquals(List.of("1"), err.headers().get("Retry-After"));
        assertEquals("ok", e.call(bob, "ok"));

        Endpoint<String, String> d = echo.with(RateLimit.delaying(k, (ctx, req) -> req));
        assertEquals("carol", d.call(Context.background(clock), "carol"));
        Context tight = Context.background(clock).withTimeout(Duration.ofMillis(10));
        d.call(tight, "carol");
        assertThrows(RateLimitException.class, () -> d.call(tight, "carol"));
    }

    @Test
    void aFactoryMayChooseTheLimiterByKey() {
        KeyedLimiter<String> k = KeyedLimiter.<String>builder(
                key -> Limiter.of(Limit.of(1), key.startsWith("vip") ? 5 : 1, clock)).clock(clock).build();
        assertTrue(k.allow("guest"));
        assertFalse(k.allow("guest"));
        for (int i = 0; i < 5; i++) {
            assertTrue(k.allow("vip-1"));
        }
        assertThrows(IllegalArgumentException.class, () -> KeyedLimiter.<String>builder(Limit.of(1), 1).maxKeys(0));
    }
}
