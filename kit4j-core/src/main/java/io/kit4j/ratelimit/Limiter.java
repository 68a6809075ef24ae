package io.kit4j.ratelimit;

import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import io.kit4j.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket with the semantics of golang.org/x/time/rate's {@code Limiter}: capacity {@code burst},
 * initially full, refilled at {@code limit} tokens per second.
 *
 * <p>Three ways to take tokens: {@link #allow()} takes them now or refuses (drop the event);
 * {@link #reserve()} always takes them and says how long to wait ({@link Reservation#delay()});
 * {@link #await(Context)} blocks until they are due, honouring the context. Every time-dependent method
 * also has a form with an explicit time {@code t}: nanoseconds on the time line of the limiter's
 * {@link Clock#nanoTime()} (see {@link #now()}), which is what Go's explicit {@code time.Time} arguments
 * become. Computations follow Go's float64 operations in the same order, so results are bit-identical.
 *
 * <p>Thread-safe: every call acts atomically, as under Go's mutex, under a private sequence lock held for
 * a few arithmetic operations (a {@code version} that is odd while held). {@code allow} decides on a
 * read of the fields without the lock, checked afterwards against the version: a refusal writes nothing
 * and takes no lock; a grant takes the lock with one compare-and-set of the version it read, which also
 * checks that nothing changed since, and releases it with a plain ordered store. In the common cases it
 * decides without Go's float divisions ({@link QuickVerdict}), with the same result. Nothing is allocated
 * on the {@code allow} path.
 */
public final class Limiter implements Allower, Waiter {
    /** x/time/rate's {@code InfDuration}: the delay of a reservation that is not OK. */
    public static final Duration INF_DURATION = Duration.ofNanos(GoTime.INF_DURATION);

    /** Go's zero {@code time.Time} as the initial {@code last}: before every time, so the first refill
     * computes from a saturated elapsed time; the bucket starts full either way. */
    private static final long NEVER = Long.MIN_VALUE;
    /** What an attempt without the lock returns when it raced with a writer (never a wait). */
    private static final long RETRY = Long.MIN_VALUE;

    private final Clock clock;
    /** Odd while a writer holds the lock; every write of the fields below moves it on by two. */
    private volatile long version;
    // Go's fields, written only under the lock. lastEvent is a 128-bit time point (see GoTime).
    private double limit;
    private int burst;
    private double tokens;
    private long last = NEVER;
    private int eventHi = Integer.MIN_VALUE;
    private long eventLo;
    // Derived, also written only under the lock (every writer sets them): QuickVerdict.nanosPerToken(limit),
    // a time from which advance certainly returns burst (Long.MAX_VALUE: unknown) and a time before which
    // taking one token or more is certainly refused (Long.MIN_VALUE: unknown).
    private long nanosPerToken;
    private long fullFrom = Long.MIN_VALUE;
    private long refusedUntil = Long.MIN_VALUE;

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(Limiter.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Limiter(Limit limit, int burst, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = Objects.requireNonNull(limit, "limit").perSecond();
        this.burst = burst;
        this.tokens = burst;
        this.nanosPerToken = QuickVerdict.nanosPerToken(this.limit);
    }

    /** A limiter of {@code eventsPerSecond} with bursts of {@code burst}, on the system clock. */
    public static Limiter of(double eventsPerSecond, int burst) {
        return new Limiter(Limit.of(eventsPerSecond), burst, Clock.system());
    }

    /** x/time/rate's {@code NewLimiter(r, b)}, on the system clock. */
    public static Limiter of(Limit limit, int burst) {
        return new Limiter(limit, burst, Clock.system());
    }

    /** A limiter whose time is {@code clock}'s monotonic time. */
    public static Limiter of(Limit limit, int burst, Clock clock) {
        return new Limiter(limit, burst, clock);
    }

    /** The clock the limiter reads for the forms without an explicit time. */
    public Clock clock() {
        return clock;
    }

    /** The current time on the limiter's time line: {@code clock().nanoTime()}. */
    public long now() {
        return clock.nanoTime();
    }

    /** The maximum overall event rate. */
    public Limit limit() {
        long stamp = lock();
        try {
            return Limit.of(limit);
        } finally {
            unlock(stamp);
        }
    }

    /**
     * The maximum number of tokens one call may take; zero allows no events unless the limit is infinite.
     */
    public int burst() {
        long stamp = lock();
        try {
            return burst;
        } finally {
            unlock(stamp);
        }
    }

    /** The number of tokens available now; negative while reservations are outstanding. */
    public double tokens() {
        return tokensAt(now());
    }

    /** The number of tokens available at time {@code t}. */
    public double tokensAt(long t) {
        long stamp = lock();
        try {
            return advance(t);
        } finally {
            unlock(stamp);
        }
    }

    /** {@link #allowN allowN(now(), 1)}. */
    @Override
    public boolean allow() {
        return take(clock.nanoTime(), 1, false) == 0;
    }

    /**
     * Whether {@code n} events may happen at time {@code t}; if so their tokens are taken, if not nothing
     * changes. Use it to drop events over the limit; use {@link #reserveN} or {@link #awaitN} to delay them.
     */
    public boolean allowN(long t, int n) {
        return take(t, n, false) == 0;
    }

    /** {@link #reserveN reserveN(now(), 1)}. */
    public Reservation reserve() {
        return reserve(clock.nanoTime(), 1, GoTime.INF_DURATION);
    }

    /**
     * Takes {@code n} tokens at time {@code t}, however long the wait: the reservation says when the events
     * may happen. It is not OK only if {@code n} exceeds the burst (and the limit is finite); with a limit of
     * zero or less and too few tokens it is OK with a delay of about {@link #INF_DURATION}, as in Go.
     */
    public Reservation reserveN(long t, int n) {
        return reserve(t, n, GoTime.INF_DURATION);
    }

    /** {@link #awaitN awaitN(ctx, 1)}: x/time/rate's {@code Wait}. */
    @Override
    public void await(Context ctx) throws InterruptedException {
        awaitN(ctx, 1);
    }

    /**
     * x/time/rate's {@code WaitN}: blocks until {@code n} events may happen. Fails at once, taking nothing,
     * with a {@link RateLimitException} if {@code n} exceeds the burst (finite limit) or if the wait would
     * pass the context's deadline (with the wait as Retry-After), and with the context's error if it is
     * already done. While waiting (parked, so a virtual thread unmounts), a cancellation of the context
     * wakes the waiter, gives the tokens back and throws the context's error; an interrupt gives them back
     * and throws {@link InterruptedException}. The wait itself is measured in real time.
     */
    public void awaitN(Context ctx, int n) throws InterruptedException {
        Reservation r = reserveForWait(ctx, n);
        sleep(ctx, r, r.delayNanosFrom(r.madeAt));
    }

    /** {@link #setLimitAt setLimitAt(now(), limit)}. */
    public void setLimit(Limit limit) {
        setLimitAt(clock.nanoTime(), limit);
    }

    /**
     * Sets a new rate at time {@code t}: the tokens are first brought up to {@code t} at the old rate.
     * Reservations already made keep their times.
     */
    public void setLimitAt(long t, Limit limit) {
        double perSecond = Objects.requireNonNull(limit, "limit").perSecond();
        long stamp = lock();
        try {
            tokens = advance(t);
            last = t;
            this.limit = perSecond;
            nanosPerToken = QuickVerdict.nanosPerToken(perSecond);
            fullFrom = Long.MAX_VALUE;
            refusedUntil = Long.MIN_VALUE;
        } finally {
            unlock(stamp);
        }
    }

    /** {@link #setBurstAt setBurstAt(now(), burst)}. */
    public void setBurst(int burst) {
        setBurstAt(clock.nanoTime(), burst);
    }

    /**
     * Sets a new burst at time {@code t}: the tokens are first brought up to {@code t}; they are not
     * clipped to (or filled up to) the new burst until the next refill.
     */
    public void setBurstAt(long t, int burst) {
        long stamp = lock();
        try {
            tokens = advance(t);
            last = t;
            this.burst = burst;
            fullFrom = Long.MAX_VALUE;
            refusedUntil = Long.MIN_VALUE;
        } finally {
            unlock(stamp);
        }
    }

    @Override
    public String toString() {
        return "Limiter[limit=" + limit() + ", burst=" + burst() + "]";
    }

    // ---- Go's reserveN, specialised ----

    /**
     * Go's {@code reserveN(t, n, 0)}: 0 if the events may happen (tokens taken); otherwise the wait the
     * limiter computed ({@link Long#MAX_VALUE} when they can never happen).
     */
    long tryAllow(long t, int n) {
        return take(t, n, true);
    }

    /**
     * Go's {@code reserveN(t, n, 0)}: 0 if granted; else the exact wait if {@code exactWait}, any non-zero
     * value if not. Decides on a consistent read of the fields without the lock (a refusal writes
     * nothing; a grant locks with one compare-and-set of the version that fails if anything was written
     * since the read); in the common cases without Go's float divisions ({@link QuickVerdict}). When the
     * read raced with a writer it backs off and tries again, with the same {@code t} (Go reads the time
     * before it waits for the mutex too); after many lost races it waits for the lock.
     */
    private long take(long t, int n, boolean exactWait) {
        for (int fails = 0;; fails++) {
            long r = attempt(t, n, exactWait);
            if (r != RETRY) {
                return r;
            }
            if (fails >= 16) {
                return takeLocked(t, n);
            }
            backoff(fails);
        }
    }

    /**
     * After the {@code fails}-th lost race with another taker: spins a random few pause instructions the
     * first times, then parks briefly (as Resilience4j's AtomicRateLimiter does at once). While one
     * thread backs off the other takes many tokens in a row with the cache line to itself, instead of
     * both paying a cache-line transfer on every call.
     */
    private static void backoff(int fails) {
        if (fails < 3) {
            int spins = ThreadLocalRandom.current().nextInt(32 << fails);
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
        } else {
            LockSupport.parkNanos(1);
        }
    }

    /** One attempt of {@link #take} without the lock: the result, or {@link #RETRY} if it raced. */
    private long attempt(long t, int n, boolean exactWait) {
        long v = version;
        if ((v & 1) == 0) {
            double limit = this.limit;
            int burst = this.burst;
            double tokens = this.tokens;
            long last = this.last;
            long fullFrom = this.fullFrom;
            long refusedUntil = this.refusedUntil;
            if (limit == GoTime.INF) {
                if (unchanged(v)) {
                    return 0;
                }
            } else {
                // Certain outcomes first (integer compares, then multiplications), Go's exact operations last.
                long d = GoTime.elapsed(t, t < last ? t : last);
                boolean refused = n >= 1 && t < refusedUntil;
                boolean fills = !refused && n <= burst
                        && (t >= fullFrom || QuickVerdict.fills(limit, tokens, burst, d));
                if (!fills && !exactWait && (refused || QuickVerdict.refuses(limit, tokens, n, d))) {
                    return unchanged(v) ? GoTime.INF_DURATION : RETRY;
                }
                double left;
                if (fills) {
                    left = (double) burst - n;
                } else {
                    left = advance(limit, burst, tokens, last, t) - n;
                    long wait = refusal(limit, burst, n, left);
                    if (wait != 0) {
                        return unchanged(v) ? wait : RETRY;
                    }
                }
                if (VERSION.compareAndSet(this, v, v + 1)) {
                    grant(limit, left, t, fills ? QuickVerdict.fullAgainAt(t, n, nanosPerToken) : Long.MAX_VALUE);
                    VERSION.setRelease(this, v + 2);
                    return 0;
                }
            }
        }
        return RETRY;
    }

    /** {@link #take} under the lock. */
    private long takeLocked(long t, int n) {
        long stamp = lock();
        try {
            if (limit == GoTime.INF) {
                return 0;
            }
            double left = advance(t) - n;
            long refused = refusal(limit, burst, n, left);
            if (refused != 0) {
                return refused;
            }
            grant(limit, left, t, Long.MAX_VALUE);
            return 0;
        } finally {
            unlock(stamp);
        }
    }

    /**
     * Go's {@code reserveN(t, n, 0)} verdict with {@code left} tokens after taking {@code n}: 0 if the
     * events may happen now, else the wait ({@code InfDuration} when {@code n} exceeds the burst).
     */
    private static long refusal(double limit, int burst, int n, double left) {
        if (n > burst) {
            return GoTime.INF_DURATION;
        }
        long wait = left < 0 ? GoTime.durationFromTokens(limit, -left) : 0;
        return wait > 0 ? wait : 0;
    }

    /**
     * Takes the tokens of a grant at {@code t} (hold the lock): Go's state update of {@code reserveN};
     * {@code full} is the new {@link #fullFrom}.
     */
    private void grant(double limit, double left, long t, long full) {
        tokens = left;
        fullFrom = full;
        refusedUntil = QuickVerdict.refusedUntil(limit, left, t, nanosPerToken);
        last = t;
        eventHi = GoTime.hi(t);
        eventLo = t;
    }

    /** Go's {@code reserveN(t, n, maxFutureReserve)}. */
    Reservation reserve(long t, int n, long maxFutureReserve) {
        long stamp = lock();
        try {
            if (limit == GoTime.INF) {
                // Go leaves the reservation's limit at zero here; cancelAt depends on it.
                return new Reservation(this, t, true, n, GoTime.hi(t), t, 0, 0);
            }
            double tokens = advance(t) - n;
            long wait = 0;
            if (tokens < 0) {
                wait = GoTime.durationFromTokens(limit, -tokens);
            }
            boolean ok = n <= burst && wait <= maxFutureReserve;
            if (!ok) {
                return new Reservation(this, t, false, 0, 0, 0, limit, n > burst ? GoTime.INF_DURATION : wait);
            }
            int hi = GoTime.addHi(GoTime.hi(t), t, wait);
            long lo = t + wait;
            this.tokens = tokens;
            fullFrom = Long.MAX_VALUE;
            refusedUntil = Long.MIN_VALUE;
            last = t;
            eventHi = hi;
            eventLo = lo;
            return new Reservation(this, t, true, n, hi, lo, limit, wait);
        } finally {
            unlock(stamp);
        }
    }

    /** Go's {@code Reservation.CancelAt} after its {@code ok} check. */
    void cancel(Reservation r, long t) {
        int tHi = GoTime.hi(t);
        long stamp = lock();
        try {
            if (limit == GoTime.INF || r.tokens == 0 || GoTime.compare(r.actHi, r.actLo, tHi, t) < 0) {
                return;
            }
            // Tokens reserved after r (from lastEvent back to r's time to act) are not given back.
            double restore = (double) r.tokens
                    - GoTime.tokensFromDuration(r.limit, GoTime.sub(eventHi, eventLo, r.actHi, r.actLo));
            if (restore <= 0) {
                return;
            }
            double tokens = advance(t) + restore;
            double burst = this.burst;
            if (tokens > burst) {
                tokens = burst;
            }
            this.tokens = tokens;
            fullFrom = Long.MAX_VALUE;
            refusedUntil = Long.MIN_VALUE;
            last = t;
            if (r.actHi == eventHi && r.actLo == eventLo) {
                long back = GoTime.durationFromTokens(r.limit, (double) -(long) r.tokens);
                int prevHi = GoTime.addHi(r.actHi, r.actLo, back);
                long prevLo = r.actLo + back;
                if (GoTime.compare(prevHi, prevLo, tHi, t) >= 0) {
                    eventHi = prevHi;
                    eventLo = prevLo;
                }
            }
        } finally {
            unlock(stamp);
        }
    }

    // ---- the lock: a sequence lock on version ----

    /**
     * Takes the lock: returns the (odd) version it set. While another thread holds it (for a few
     * arithmetic operations, unless that thread was descheduled) spins, then yields, then parks briefly.
     */
    private long lock() {
        long v = version;
        if ((v & 1) == 0 && VERSION.compareAndSet(this, v, v + 1)) {
            return v + 1;
        }
        for (int spins = 0;; spins++) {
            v = version;
            if ((v & 1) == 0 && VERSION.compareAndSet(this, v, v + 1)) {
                return v + 1;
            }
            if (spins < 64) {
                Thread.onSpinWait();
            } else if (spins < 80) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(1_000);
            }
        }
    }

    /** Releases the lock taken at {@code locked}: publishes the writes with the next even version. */
    private void unlock(long locked) {
        VERSION.setRelease(this, locked + 1);
    }

    /** Whether nothing was written since version {@code v} was read (the fields read since are consistent). */
    private boolean unchanged(long v) {
        VarHandle.acquireFence();
        return version == v;
    }

    /** Go's {@code advance} (call it holding the lock): the tokens at {@code t}; a {@code t} before
     * {@code last} adds nothing. */
    private double advance(long t) {
        return advance(limit, burst, tokens, last, t);
    }

    /** Go's {@code advance} over the given field values. */
    private static double advance(double limit, int burst, double tokens, long last, long t) {
        if (t < last) {
            last = t;
        }
        double delta = GoTime.tokensFromDuration(limit, GoTime.elapsed(t, last));
        double sum = tokens + delta;
        double cap = burst;
        if (sum > cap) {
            sum = cap;
        }
        return sum;
    }

    /**
     * Whether the limiter is as a new one would be from time {@code t} on: full, nothing reserved after
     * {@code t}, not updated after {@code t}. Such a limiter can be replaced by a new one unnoticed.
     */
    boolean isFullAt(long t) {
        long stamp = lock();
        try {
            if (limit == GoTime.INF) {
                return true;
            }
            return t >= last && GoTime.compare(eventHi, eventLo, GoTime.hi(t), t) <= 0 && advance(t) >= burst;
        } finally {
            unlock(stamp);
        }
    }

    // ---- WaitN, in two steps so that a keyed limiter can reserve under its entry lock ----

    /** The checks and the reservation of Go's {@code WaitN}; the reservation's delay counts from now. */
    Reservation reserveForWait(Context ctx, int n) {
        int burst;
        double limit;
        long stamp = lock();
        try {
            burst = this.burst;
            limit = this.limit;
        } finally {
            unlock(stamp);
        }
        if (n > burst && limit != GoTime.INF) {
            throw new RateLimitException("rate: Wait(n=" + n + ") exceeds limiter's burst " + burst);
        }
        RuntimeException done = ctx.err();
        if (done != null) {
            throw done;
        }
        long t = clock.nanoTime();
        Optional<Duration> remaining = ctx.remaining();
        long waitLimit = remaining.isPresent() ? GoTime.nanos(remaining.get()) : GoTime.INF_DURATION;
        Reservation r = reserve(t, n, waitLimit);
        if (!r.ok) {
            throw new RateLimitException("rate: Wait(n=" + n + ") would exceed context deadline", r.wait);
        }
        return r;
    }

    /** Parks until the reservation is due; on cancellation or interrupt gives the tokens back. */
    static void sleep(Context ctx, Reservation r, long delay) throws InterruptedException {
        if (delay <= 0) {
            return;
        }
        Thread waiter = Thread.currentThread();
        long start = System.nanoTime();
        try (Registration ignored = ctx.onCancel(() -> LockSupport.unpark(waiter))) {
            for (;;) {
                long left = delay - (System.nanoTime() - start);
                if (left <= 0) {
                    return;
                }
                if (Thread.interrupted()) {
                    r.cancel();
                    throw new InterruptedException("interrupted while waiting for the rate limiter");
                }
                RuntimeException err = ctx.err();
                if (err != null) {
                    r.cancel();
                    throw err;
                }
                LockSupport.parkNanos(r, left);
            }
        }
    }
}
