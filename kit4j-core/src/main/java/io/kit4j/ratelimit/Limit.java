package io.kit4j.ratelimit;

import java.time.Duration;

/**
 * A rate of events per second: x/time/rate's {@code Limit}. Zero allows no refill; {@link #inf()} allows
 * every event whatever the burst. Negative rates are allowed and behave like zero, as in Go.
 *
 * @param perSecond events per second; {@link Double#MAX_VALUE} is the infinite rate. NaN is refused and
 *     positive infinity is taken as the infinite rate (Go would compute garbage with either).
 */
public record Limit(double perSecond) {

    /** The infinite rate, x/time/rate's {@code Inf} ({@code math.MaxFloat64}). */
    public static final Limit INF = new Limit(GoTime.INF);

    /** Checks the rate. */
    public Limit {
        if (Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("rate limit is NaN");
        }
        if (perSecond == Double.POSITIVE_INFINITY) {
            perSecond = GoTime.INF;
        }
    }

    /** A rate of {@code perSecond} events per second. */
    public static Limit of(double perSecond) {
        return perSecond == GoTime.INF || perSecond == Double.POSITIVE_INFINITY ? INF : new Limit(perSecond);
    }

    /** The infinite rate. */
    public static Limit inf() {
        return INF;
    }

    /**
     * x/time/rate's {@code Every}: one event per {@code interval}, computed as Go does
     * ({@code 1 / interval.Seconds()}); an interval of zero or less is the infinite rate. Intervals beyond
     * Go's int64 nanoseconds are clamped to it.
     */
    public static Limit every(Duration interval) {
        return of(GoTime.every(GoTime.nanos(interval)));
    }

    /** Whether this is the infinite rate. */
    public boolean isInf() {
        return perSecond == GoTime.INF;
    }

    @Override
    public String toString() {
        return isInf() ? "Limit[inf]" : "Limit[" + perSecond + "/s]";
    }
}
