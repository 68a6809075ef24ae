package io.kit4j.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * Events that a {@link Limiter} permits after a delay: x/time/rate's {@code Reservation}. Tokens are
 * taken when the reservation is made; {@link #cancel()} gives back what can still be given back.
 *
 * <p>Times are nanoseconds on the limiter's clock ({@link Limiter#now()}). One difference from Go: only
 * the first call to {@link #cancel()} or {@link #cancelAt(long)} has an effect (Go restores the tokens
 * again on every call).
 */
public final class Reservation {
    private static final VarHandle CANCELLED;

    static {
        try {
            CANCELLED = MethodHandles.lookup().findVarHandle(Reservation.class, "cancelled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Limiter limiter;
    /** The time the reservation was asked for. */
    final long madeAt;
    final boolean ok;
    final int tokens;
    final int actHi;
    final long actLo;
    final double limit;
    /** The wait the limiter computed, also when it refused (for Retry-After); MAX_VALUE if never. */
    final long wait;
    @SuppressWarnings("unused")
    private volatile boolean cancelled;

    Reservation(Limiter limiter, long madeAt, boolean ok, int tokens, int actHi, long actLo, double limit,
            long wait) {
        this.limiter = limiter;
        this.madeAt = madeAt;
        this.ok = ok;
        this.tokens = tokens;
        this.actHi = actHi;
        this.actLo = actLo;
        this.limit = limit;
        this.wait = wait;
    }

    /**
     * Whether the limiter granted the tokens within the maximum wait. If not, {@link #delay()} is
     * {@link Limiter#INF_DURATION} and cancelling does nothing.
     */
    public boolean ok() {
        return ok;
    }

    /** {@link #delayFrom(long)} the limiter's current time. */
    public Duration delay() {
        return Duration.ofNanos(delayNanosFrom(limiter.now()));
    }

    /**
     * How long the holder must wait from time {@code t} before acting: zero means act now,
     * {@link Limiter#INF_DURATION} means never (the reservation is not OK).
     */
    public Duration delayFrom(long t) {
        return Duration.ofNanos(delayNanosFrom(t));
    }

    /** {@link #delayFrom(long)} in nanoseconds, as Go's {@code time.Duration}. */
    public long delayNanosFrom(long t) {
        if (!ok) {
            return GoTime.INF_DURATION;
        }
        long delay = GoTime.sub(actHi, actLo, GoTime.hi(t), t);
        return delay < 0 ? 0 : delay;
    }

    /** {@link #cancelAt(long)} the limiter's current time. */
    public void cancel() {
        cancelAt(limiter.now());
    }

    /**
     * Tells the limiter that the holder will not act, at time {@code t}, and gives back as many tokens as
     * possible given the reservations made after this one. Does nothing if the reservation is not OK, the
     * limit is infinite, it holds no tokens, its time to act is before {@code t}, or it was cancelled
     * before.
     */
    public void cancelAt(long t) {
        if (!ok || !CANCELLED.compareAndSet(this, false, true)) {
            return;
        }
        limiter.cancel(this, t);
    }

    @Override
    public String toString() {
        return ok ? "Reservation[ok, tokens=" + tokens + "]" : "Reservation[not ok]";
    }
}
