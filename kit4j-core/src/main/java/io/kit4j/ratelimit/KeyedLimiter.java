package io.kit4j.ratelimit;

import io.kit4j.context.Context;
import io.kit4j.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One {@link Limiter} per key (a client address, a token's subject, a tenant), created on first use by a
 * factory, with bounded memory.
 *
 * <p>Two rules bound the memory. <b>Idle eviction</b>, at most once per sweep interval (on the next call
 * after it has passed, or on {@link #evictIdle()}): a limiter that is full again at the time of the sweep
 * and has nothing reserved after it is dropped; a new limiter from the factory behaves exactly the same,
 * so this changes nothing (this assumes the factory's limiters are not reconfigured per key with
 * {@code setLimit}/{@code setBurst}). A key becomes droppable once idle for about burst / limit.
 * <b>A hard cap</b>: when a new key finds {@code maxKeys} keys, idle limiters are dropped first, then if
 * need be the least recently used ones, down to 7/8 of the cap (amortizing the sort), before it is added. Dropping a busy
 * key does change behaviour (it starts full again): size the cap above the number of keys active within
 * one refill period. The map may exceed the cap briefly by the number of threads adding keys at once.
 *
 * <p>The keyed methods take and evict under a per-key lock, so a token is never taken from a limiter that
 * is being dropped. Time is the given {@link Clock} (limiters made by {@link #builder(Limit, int)} share
 * it), so eviction is deterministic in tests.
 *
 * @param <K> the key type; keys need {@code equals} and {@code hashCode}
 */
public final class KeyedLimiter<K> {
    private static final class Entry {
        final Limiter limiter;
        long lastUsed;
        boolean evicted;

        Entry(Limiter limiter, long now) {
            this.limiter = limiter;
            this.lastUsed = now;
        }
    }

    private final Function<? super K, Limiter> factory;
    private final Clock clock;
    private final int maxKeys;
    private final long sweepIntervalNanos;
    private final ConcurrentHashMap<K, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long nextSweep;

    private KeyedLimiter(Builder<K> b) {
        this.clock = b.clock;
        this.factory = b.factory != null ? b.factory : key -> Limiter.of(b.limit, b.burst, b.clock);
        this.maxKeys = b.maxKeys;
        this.sweepIntervalNanos = GoTime.nanos(b.sweepInterval);
        this.nextSweep = clock.nanoTime() + sweepIntervalNanos;
    }

    /** Per-key limiters of {@code limit} and {@code burst} with the default clock, cap and sweep interval. */
    public static <K> KeyedLimiter<K> of(Limit limit, int burst) {
        return KeyedLimiter.<K>builder(limit, burst).build();
    }

    /** A builder for per-key limiters of {@code limit} and {@code burst}, made on the builder's clock. */
    public static <K> Builder<K> builder(Limit limit, int burst) {
        Builder<K> b = new Builder<>();
        b.limit = Objects.requireNonNull(limit, "limit");
        b.burst = burst;
        return b;
    }

    /** A builder for per-key limiters made by {@code factory} (which may look at the key). */
    public static <K> Builder<K> builder(Function<? super K, Limiter> factory) {
        Builder<K> b = new Builder<>();
        b.factory = Objects.requireNonNull(factory, "factory");
        return b;
    }

    /** {@link Limiter#allow()} on the key's limiter. */
    public boolean allow(K key) {
        return tryAllow(key) == 0;
    }

    /** {@link Limiter#reserve()} on the key's limiter. */
    public Reservation reserve(K key) {
        long now = clock.nanoTime();
        maybeSweep(now);
        for (;;) {
            Entry e = entry(key, now);
            synchronized (e) {
                if (!e.evicted) {
                    e.lastUsed = now;
                    return e.limiter.reserveN(e.limiter.now(), 1);
                }
            }
        }
    }

    /** {@link Limiter#await(Context)} on the key's limiter. */
    public void await(Context ctx, K key) throws InterruptedException {
        awaitN(ctx, key, 1);
    }

    /** {@link Limiter#awaitN(Context, int)} on the key's limiter. */
    public void awaitN(Context ctx, K key, int n) throws InterruptedException {
        long now = clock.nanoTime();
        maybeSweep(now);
        Reservation r;
        for (;;) {
            Entry e = entry(key, now);
            synchronized (e) {
                if (!e.evicted) {
                    e.lastUsed = now;
                    r = e.limiter.reserveForWait(ctx, n);
                    break;
                }
            }
        }
        Limiter.sleep(ctx, r, r.delayNanosFrom(r.madeAt));
    }

    /** The key's limiter if it has one now, else null; for inspection (use the keyed methods to take tokens). */
    public Limiter peek(K key) {
        Entry e = entries.get(key);
        return e == null ? null : e.limiter;
    }

    /** The number of keys with a limiter. */
    public int size() {
        return entries.size();
    }

    /** Drops every limiter that a new one would replace unnoticed; returns how many were dropped. */
    public int evictIdle() {
        while (!sweeping.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            return sweepIdle();
        } finally {
            sweeping.set(false);
        }
    }

    @Override
    public String toString() {
        return "KeyedLimiter[keys=" + entries.size() + ", maxKeys=" + maxKeys + "]";
    }

    /** Like {@link Limiter#tryAllow}: 0 if allowed, else the wait. */
    long tryAllow(K key) {
        long now = clock.nanoTime();
        maybeSweep(now);
        for (;;) {
            Entry e = entry(key, now);
            synchronized (e) {
                if (!e.evicted) {
                    e.lastUsed = now;
                    return e.limiter.tryAllow(e.limiter.now(), 1);
                }
            }
        }
    }

    private Entry entry(K key, long now) {
        Objects.requireNonNull(key, "key");
        Entry e = entries.get(key);
        if (e != null) {
            return e;
        }
        if (entries.size() >= maxKeys && sweeping.compareAndSet(false, true)) {
            try {
                makeRoom();
            } finally {
                sweeping.set(false);
            }
        }
        return entries.computeIfAbsent(key, k -> new Entry(Objects.requireNonNull(factory.apply(k), "limiter"), now));
    }

    private void maybeSweep(long now) {
        if (now - nextSweep >= 0 && sweeping.compareAndSet(false, true)) {
            try {
                nextSweep = now + sweepIntervalNanos;
                sweepIdle();
            } finally {
                sweeping.set(false);
            }
        }
    }

    private int sweepIdle() {
        int dropped = 0;
        for (Map.Entry<K, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            synchronized (e) {
                if (!e.evicted && e.limiter.isFullAt(e.limiter.now())) {
                    e.evicted = true;
                    entries.remove(me.getKey(), e);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** Before a new key is added to a full map: drops idle keys, else the least recently used ones. */
    private void makeRoom() {
        sweepIdle();
        int size = entries.size();
        if (size < maxKeys) {
            return;
        }
        int target = maxKeys - Math.max(1, maxKeys / 8);
        record Used<K, E>(K key, E entry, long lastUsed) {
        }
        List<Used<K, Entry>> all = new ArrayList<>(size);
        for (Map.Entry<K, Entry> me : entries.entrySet()) {
            all.add(new Used<>(me.getKey(), me.getValue(), me.getValue().lastUsed));
        }
        all.sort(Comparator.comparingLong(Used::lastUsed));
        for (int i = 0; i < all.size() && entries.size() > target; i++) {
            Entry e = all.get(i).entry();
            synchronized (e) {
                if (!e.evicted) {
                    e.evicted = true;
                    entries.remove(all.get(i).key(), e);
                }
            }
        }
    }

    /** Settings of a {@link KeyedLimiter}. */
    public static final class Builder<K> {
        private Function<? super K, Limiter> factory;
        private Limit limit;
        private int burst;
        private Clock clock = Clock.system();
        private int maxKeys = 100_000;
        private Duration sweepInterval = Duration.ofMinutes(1);

        private Builder() {
        }

        /** The clock for sweeps and recency, and for the limiters of {@link #builder(Limit, int)}. Default: system. */
        public Builder<K> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The hard cap on keys. Default: 100 000. */
        public Builder<K> maxKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /** How often idle limiters are swept. Default: one minute. */
        public Builder<K> sweepInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("negative sweep interval: " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /** The keyed limiter. */
        public KeyedLimiter<K> build() {
            return new KeyedLimiter<>(this);
        }
    }
}
