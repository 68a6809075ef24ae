package io.kit4j.ratelimit;

import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import io.kit4j.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Thread-safe and lock-free: the state is an immutable snapshot replaced by compare-and-set, so every
 * call acts atomically, as under Go's mutex. A refused {@code allow} writes nothing.
 */
public final class Limiter implements Allower, Waiter {
    /** x/time/rate's {@code InfDuration}: the delay of a reservation that is not OK. */
    public static final Duration INF_DURATION = Duration.ofNanos(GoTime.INF_DURATION);

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Limiter.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Go's zero {@code time.Time} as the initial {@code last}: before every time, so the first refill
     * computes from a saturated elapsed time; the bucket starts full either way. */
    private static final long NEVER = Long.MIN_VALUE;

    /** The rate and burst, replaced together with the state by the setters. */
    private static final class Config {
        final double limit;
        final int burst;

        Config(double limit, int burst) {
            this.limit = limit;
            this.burst = burst;
        }
    }

    /** One immutable snapshot of Go's fields: tokens, last, lastEvent (a 128-bit time point). */
    private static final class State {
        final Config config;
        final double tokens;
        final long last;
        final int eventHi;
        final long eventLo;

        State(Config config, double tokens, long last, int eventHi, long eventLo) {
            this.config = config;
            this.tokens = tokens;
            this.last = last;
            this.eventHi = eventHi;
            this.eventLo = eventLo;
        }
    }

    private final Clock clock;
    @SuppressWarnings("unused")
    private volatile State state;

    private Limiter(Limit limit, int burst, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limit, "limit");
        this.state = new State(new Config(limit.perSecond(), burst), burst, NEVER, Integer.MIN_VALUE, 0);
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
        return Limit.of(state.config.limit);
    }

    /**
     * The maximum number of tokens one call may take; zero allows no events unless the limit is infinite.
     */
    public int burst() {
        return state.config.burst;
    }

    /** The number of tokens available now; negative while reservations are outstanding. */
    public double tokens() {
        return tokensAt(now());
    }

    /** The number of tokens available at time {@code t}. */
    public double tokensAt(long t) {
        State s = state;
        return advance(s, s.config, t);
    }

    /** {@link #allowN allowN(now(), 1)}. */
    @Override
    public boolean allow() {
        return tryAllow(clock.nanoTime(), 1) == 0;
    }

    /**
     * Whether {@code n} events may happen at time {@code t}; if so their tokens are taken, if not nothing
     * changes. Use it to drop events over the limit; use {@link #reserveN} or {@link #awaitN} to delay them.
     */
    public boolean allowN(long t, int n) {
        return tryAllow(t, n) == 0;
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
        Objects.requireNonNull(limit, "limit");
        for (;;) {
            State s = state;
            Config c = s.config;
            double tokens = advance(s, c, t);
            State next = new State(new Config(limit.perSecond(), c.burst), tokens, t, s.eventHi, s.eventLo);
            if (STATE.compareAndSet(this, s, next)) {
                return;
            }
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
        for (;;) {
            State s = state;
            Config c = s.config;
            double tokens = advance(s, c, t);
            State next = new State(new Config(c.limit, burst), tokens, t, s.eventHi, s.eventLo);
            if (STATE.compareAndSet(this, s, next)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        Config c = state.config;
        return "Limiter[limit=" + Limit.of(c.limit) + ", burst=" + c.burst + "]";
    }

    // ---- Go's reserveN, specialised ----

    /**
     * Go's {@code reserveN(t, n, 0)}: 0 if the events may happen (tokens taken); otherwise the wait the
     * limiter computed ({@link Long#MAX_VALUE} when they can never happen).
     */
    long tryAllow(long t, int n) {
        for (;;) {
            State s = state;
            Config c = s.config;
            if (c.limit == GoTime.INF) {
                return 0;
            }
            double tokens = advance(s, c, t) - n;
            long wait = 0;
            if (tokens < 0) {
                wait = GoTime.durationFromTokens(c.limit, -tokens);
            }
            if (n > c.burst) {
                return GoTime.INF_DURATION;
            }
            if (wait > 0) {
                return wait;
            }
            State next = wait == 0
                    ? new State(c, tokens, t, GoTime.hi(t), t)
                    : new State(c, tokens, t, GoTime.addHi(GoTime.hi(t), t, wait), t + wait);
            if (STATE.compareAndSet(this, s, next)) {
                return 0;
            }
        }
    }

    /** Go's {@code reserveN(t, n, maxFutureReserve)}. */
    Reservation reserve(long t, int n, long maxFutureReserve) {
        for (;;) {
            State s = state;
            Config c = s.config;
            if (c.limit == GoTime.INF) {
                // Go leaves the reservation's limit at zero here; cancelAt depends on it.
                return new Reservation(this, t, true, n, GoTime.hi(t), t, 0, 0);
            }
            double tokens = advance(s, c, t) - n;
            long wait = 0;
            if (tokens < 0) {
                wait = GoTime.durationFromTokens(c.limit, -tokens);
            }
            boolean ok = n <= c.burst && wait <= maxFutureReserve;
            if (!ok) {
                return new Reservation(this, t, false, 0, 0, 0, c.limit, n > c.burst ? GoTime.INF_DURATION : wait);
            }
            int hi = GoTime.addHi(GoTime.hi(t), t, wait);
            long lo = t + wait;
            if (STATE.compareAndSet(this, s, new State(c, tokens, t, hi, lo))) {
                return new Reservation(this, t, true, n, hi, lo, c.limit, wait);
            }
        }
    }

    /** Go's {@code Reservation.CancelAt} after its {@code ok} check. */
    void cancel(Reservation r, long t) {
        int tHi = GoTime.hi(t);
        for (;;) {
            State s = state;
            Config c = s.config;
            if (c.limit == GoTime.INF || r.tokens == 0 || GoTime.compare(r.actHi, r.actLo, tHi, t) < 0) {
                return;
            }
            // Tokens reserved after r (from lastEvent back to r's time to act) are not given back.
            double restore = (double) r.tokens
                    - GoTime.tokensFromDuration(r.limit, GoTime.sub(s.eventHi, s.eventLo, r.actHi, r.actLo));
            if (restore <= 0) {
                return;
            }
            double tokens = advance(s, c, t) + restore;
            double burst = c.burst;
            if (tokens > burst) {
                tokens = burst;
            }
            int eventHi = s.eventHi;
            long eventLo = s.eventLo;
            if (r.actHi == eventHi && r.actLo == eventLo) {
                long back = GoTime.durationFromTokens(r.limit, (double) -(long) r.tokens);
                int prevHi = GoTime.addHi(r.actHi, r.actLo, back);
                long prevLo = r.actLo + back;
                if (GoTime.compare(prevHi, prevLo, tHi, t) >= 0) {
                    eventHi = prevHi;
                    eventLo = prevLo;
                }
            }
            if (STATE.compareAndSet(this, s, new State(c, tokens, t, eventHi, eventLo))) {
                return;
            }
        }
    }

    /** Go's {@code advance}: the tokens at {@code t}; a {@code t} before {@code last} adds nothing. */
    private static double advance(State s, Config c, long t) {
        long last = s.last;
        if (t < last) {
            last = t;
        }
        double delta = GoTime.tokensFromDuration(c.limit, GoTime.elapsed(t, last));
        double tokens = s.tokens + delta;
        double burst = c.burst;
        if (tokens > burst) {
            tokens = burst;
        }
        return tokens;
    }

    /**
     * Whether the limiter is as a new one would be from time {@code t} on: full, nothing reserved after
     * {@code t}, not updated after {@code t}. Such a limiter can be replaced by a new one unnoticed.
     */
    boolean isFullAt(long t) {
        State s = state;
        Config c = s.config;
        if (c.limit == GoTime.INF) {
            return true;
        }
        return t >= s.last && GoTime.compare(s.eventHi, s.eventLo, GoTime.hi(t), t) <= 0
                && advance(s, c, t) >= c.burst;
    }

    // ---- WaitN, in two steps so that a keyed limiter can reserve under its entry lock ----

    /** The checks and the reservation of Go's {@code WaitN}; the reservation's delay counts from now. */
    Reservation reserveForWait(Context ctx, int n) {
        Config c = state.config;
        if (n > c.burst && c.limit != GoTime.INF) {
            throw new RateLimitException("rate: Wait(n=" + n + ") exceeds limiter's burst " + c.burst);
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
