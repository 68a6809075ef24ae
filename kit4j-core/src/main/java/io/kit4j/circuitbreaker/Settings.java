package io.kit4j.circuitbreaker;

import io.kit4j.errors.HasStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The configuration of one breaker: hystrix-go's {@code CommandConfig}, with the same defaults. Immutable;
 * build one with {@link #builder()} or change a copy with {@link #toBuilder()}, and apply it to a running
 * breaker with {@link CircuitBreaker#updateSettings(Settings)} (every setting, the concurrency limit
 * included, takes effect for the next call).
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>hystrix-go</th></tr>
 *   <tr><td>{@code timeout}</td><td>1000 ms</td><td>{@code Timeout}</td></tr>
 *   <tr><td>{@code maxConcurrentRequests}</td><td>10</td><td>{@code MaxConcurrentRequests}</td></tr>
 *   <tr><td>{@code requestVolumeThreshold}</td><td>20</td><td>{@code RequestVolumeThreshold}</td></tr>
 *   <tr><td>{@code sleepWindow}</td><td>5000 ms</td><td>{@code SleepWindow}</td></tr>
 *   <tr><td>{@code errorPercentThreshold}</td><td>50</td><td>{@code ErrorPercentThreshold}</td></tr>
 *   <tr><td>{@code rollingWindow}</td><td>10 buckets of 1 s</td><td>fixed at 10 s</td></tr>
 *   <tr><td>{@code isolation}</td><td>{@link Isolation#VIRTUAL_THREAD}</td><td>a goroutine, never stopped</td></tr>
 *   <tr><td>{@code forceOpen} / {@code forceClosed}</td><td>false</td><td>{@code ForceOpen} only</td></tr>
 *   <tr><td>{@code ignore}</td><td>nothing</td><td>—</td></tr>
 * </table>
 */
public final class Settings {
    /** The ignore predicate that ignores nothing: every exception counts as a failure (hystrix-go). */
    public static final Predicate<Throwable> IGNORE_NONE = t -> false;

    /**
     * An ignore predicate for caller errors: exceptions that declare a 4xx status (see {@link HasStatus}),
     * except 408 and 429, which say the dependency is slow or overloaded. Use it to keep "not found" or
     * "invalid argument" answers from tripping the breaker.
     */
    public static final Predicate<Throwable> IGNORE_CALLER_ERRORS = t -> t instanceof HasStatus s
            && s.status() >= 400 && s.status() < 500 && s.status() != 408 && s.status() != 429;

    private static final Settings DEFAULTS = new Builder().build();

    private final long timeoutNanos;
    private final int maxConcurrentRequests;
    private final int requestVolumeThreshold;
    private final long sleepWindowNanos;
    private final int errorPercentThreshold;
    private final int buckets;
    private final long bucketNanos;
    private final Isolation isolation;
    private final boolean forceOpen;
    private final boolean forceClosed;
    private final Predicate<Throwable> ignore;

    private Settings(Builder b) {
        timeoutNanos = b.timeoutNanos;
        maxConcurrentRequests = b.maxConcurrentRequests;
        requestVolumeThreshold = b.requestVolumeThreshold;
        sleepWindowNanos = b.sleepWindowNanos;
        errorPercentThreshold = b.errorPercentThreshold;
        buckets = b.buckets;
        bucketNanos = b.bucketNanos;
        isolation = b.isolation;
        forceOpen = b.forceOpen;
        forceClosed = b.forceClosed;
        ignore = b.ignore;
    }

    /** hystrix-go's defaults. */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** How long a command may run; empty when timeouts are off. */
    public Optional<Duration> timeout() {
        return timeoutNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(timeoutNanos));
    }

    /** How many commands may run at once; the next is rejected with {@link MaxConcurrencyException}. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** How many requests the rolling window must hold before the error percentage can open the breaker. */
    public int requestVolumeThreshold() {
        return requestVolumeThreshold;
    }

    /** How long an open breaker waits before it lets one probe through. */
    public Duration sleepWindow() {
        return Duration.ofNanos(sleepWindowNanos);
    }

    /** The error percentage (rounded half up) at or above which the breaker opens. */
    public int errorPercentThreshold() {
        return errorPercentThreshold;
    }

    /** How many buckets the rolling window has. */
    public int rollingWindowBuckets() {
        return buckets;
    }

    /** How long each bucket of the rolling window lasts. */
    public Duration rollingWindowBucket() {
        return Duration.ofNanos(bucketNanos);
    }

    /** The whole rolling window: buckets × bucket length. */
    public Duration rollingWindow() {
        return Duration.ofNanos(bucketNanos * buckets);
    }

    /** Where commands run. */
    public Isolation isolation() {
        return isolation;
    }

    /** True when the breaker is held open: every call is short-circuited, no probes. */
    public boolean forceOpen() {
        return forceOpen;
    }

    /** True when the breaker is held closed: every call is admitted; outcomes are still counted. */
    public boolean forceClosed() {
        return forceClosed;
    }

    /** Which exceptions are passed on as {@link Event#BAD_REQUEST} instead of counting as failures. */
    public Predicate<Throwable> ignore() {
        return ignore;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** The timeout in nanoseconds, or {@code Long.MAX_VALUE} when timeouts are off. */
    long timeoutBound() {
        return timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos;
    }

    long sleepWindowNanos() {
        return sleepWindowNanos;
    }

    long bucketNanos() {
        return bucketNanos;
    }

    boolean sameWindowAs(Settings o) {
        return buckets == o.buckets && bucketNanos == o.bucketNanos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && timeoutNanos == s.timeoutNanos
                && maxConcurrentRequests == s.maxConcurrentRequests
                && requestVolumeThreshold == s.requestVolumeThreshold && sleepWindowNanos == s.sleepWindowNanos
                && errorPercentThreshold == s.errorPercentThreshold && buckets == s.buckets
                && bucketNanos == s.bucketNanos && isolation == s.isolation && forceOpen == s.forceOpen
                && forceClosed == s.forceClosed && ignore.equals(s.ignore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeoutNanos, maxConcurrentRequests, requestVolumeThreshold, sleepWindowNanos,
                errorPercentThreshold, buckets, bucketNanos, isolation, forceOpen, forceClosed, ignore);
    }

    @Override
    public String toString() {
        return "Settings[timeout=" + (timeoutNanos == 0 ? "none" : Duration.ofNanos(timeoutNanos))
                + ", maxConcurrentRequests=" + maxConcurrentRequests
                + ", requestVolumeThreshold=" + requestVolumeThreshold
                + ", sleepWindow=" + Duration.ofNanos(sleepWindowNanos)
                + ", errorPercentThreshold=" + errorPercentThreshold
                + ", rollingWindow=" + buckets + "x" + Duration.ofNanos(bucketNanos)
                + ", isolation=" + isolation + (forceOpen ? ", forceOpen" : "") + (forceClosed ? ", forceClosed" : "")
                + "]";
    }

    /** Builds {@link Settings}; every method validates its argument at once. */
    public static final class Builder {
        private long timeoutNanos = 1_000_000_000L;
        private int maxConcurrentRequests = 10;
        private int requestVolumeThreshold = 20;
        private long sleepWindowNanos = 5_000_000_000L;
        private int errorPercentThreshold = 50;
        private int buckets = 10;
        private long bucketNanos = 1_000_000_000L;
        private Isolation isolation = Isolation.VIRTUAL_THREAD;
        private boolean forceOpen;
        private boolean forceClosed;
        private Predicate<Throwable> ignore = IGNORE_NONE;

        private Builder() {
        }

        private Builder(Settings s) {
            timeoutNanos = s.timeoutNanos;
            maxConcurrentRequests = s.maxConcurrentRequests;
            requestVolumeThreshold = s.requestVolumeThreshold;
            sleepWindowNanos = s.sleepWindowNanos;
            errorPercentThreshold = s.errorPercentThreshold;
            buckets = s.buckets;
            bucketNanos = s.bucketNanos;
            isolation = s.isolation;
            forceOpen = s.forceOpen;
            forceClosed = s.forceClosed;
            ignore = s.ignore;
        }

        /** How long a command may run (positive); default 1 s. */
        public Builder timeout(Duration timeout) {
            timeoutNanos = positiveNanos(timeout, "timeout");
            return this;
        }

        /** Turns timeouts off: only the caller's context deadline bounds a command. */
        public Builder noTimeout() {
            timeoutNanos = 0;
            return this;
        }

        /** How many commands may run at once (at least 1); default 10. */
        public Builder maxConcurrentRequests(int n) {
            maxConcurrentRequests = atLeastOne(n, "maxConcurrentRequests");
            return this;
        }

        /** Requests the window must hold before the breaker can open (at least 1); default 20. */
        public Builder requestVolumeThreshold(int n) {
            requestVolumeThreshold = atLeastOne(n, "requestVolumeThreshold");
            return this;
        }

        /** How long an open breaker waits before one probe (positive); default 5 s. */
        public Builder sleepWindow(Duration window) {
            sleepWindowNanos = positiveNanos(window, "sleepWindow");
            return this;
        }

        /** The error percentage, 1 to 100, at or above which the breaker opens; default 50. */
        public Builder errorPercentThreshold(int percent) {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("errorPercentThreshold must be 1..100, got " + percent);
            }
            errorPercentThreshold = percent;
            return this;
        }

        /**
         * The rolling window: {@code buckets} buckets of {@code bucket} each; default 10 × 1 s. The window
         * holds the current bucket and the {@code buckets - 1} before it. Changing it on a running breaker
         * starts a fresh, empty window.
         */
        public Builder rollingWindow(int buckets, Duration bucket) {
            this.buckets = atLeastOne(buckets, "buckets");
            this.bucketNanos = positiveNanos(bucket, "bucket");
            return this;
        }

        /** Where commands run; default {@link Isolation#VIRTUAL_THREAD}. */
        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /** Holds the breaker open (clears {@code forceClosed}). */
        public Builder forceOpen(boolean on) {
            forceOpen = on;
            if (on) {
                forceClosed = false;
            }
            return this;
        }

        /** Holds the breaker closed (clears {@code forceOpen}). */
        public Builder forceClosed(boolean on) {
            forceClosed = on;
            if (on) {
                forceOpen = false;
            }
            return this;
        }

        /**
         * Exceptions for which {@code predicate} is true are passed to the caller unchanged, without a
         * fallback, and counted as {@link Event#BAD_REQUEST} (a request, not an error); for example
         * {@link Settings#IGNORE_CALLER_ERRORS}. Default {@link Settings#IGNORE_NONE}.
         */
        public Builder ignore(Predicate<Throwable> predicate) {
            ignore = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /** The settings. */
        public Settings build() {
            return new Settings(this);
        }

        private static long positiveNanos(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            try {
                return d.toNanos();
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE / 4;
            }
        }

        private static int atLeastOne(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }
    }
}
