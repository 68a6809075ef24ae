package io.kit4j.log;

import io.kit4j.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Ready-made {@link Valuer}s: go-kit's {@code DefaultTimestampUTC}, {@code DefaultTimestamp} and
 * {@code DefaultCaller}.
 *
 * <pre>{@code
 * Logger logger = Logger.logfmt(System.out).with("ts", Values.timestampUtc(), "caller", Values.caller());
 * logger.log("msg", "hello");   // ts=2026-11-21T20:04:47.123456Z caller=Main.java:12 msg=hello
 * }</pre>
 */
public final class Values {

    private Values() {
    }

    /**
     * The current UTC time, written in Go's RFC3339Nano layout, such as {@code 2026-11-21T20:04:47.123456Z}:
     * its value is a {@link Timestamp}, formatted when the event is encoded.
     */
    public static Valuer timestampUtc() {
        return timestamp(Clock.system());
    }

    /** The time of {@code clock} in UTC, in Go's RFC3339Nano layout. */
    public static Valuer timestamp(Clock clock) {
        return timestamp(clock, ZoneOffset.UTC);
    }

    /**
     * The current time in the JVM's default time zone (as it is when this method is called), in Go's
     * RFC3339Nano layout, such as {@code 2026-11-21T21:04:47.123456+01:00}.
     */
    public static Valuer timestampLocal() {
        return timestamp(Clock.system(), ZoneId.systemDefault());
    }

    /** The time of {@code clock} in {@code zone}, in Go's RFC3339Nano layout. */
    public static Valuer timestamp(Clock clock, ZoneId zone) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Rfc3339Nano format = new Rfc3339Nano(zone);
        return () -> new Timestamp(format, clock.now());
    }

    /**
     * {@code File.java:line} of the code that called {@code log}: the first stack frame outside this
     * package's classes, however many loggers of this package lie in between.
     */
    public static Valuer caller() {
        return caller(1);
    }

    /**
     * {@code File.java:line} of a frame at a fixed depth from the code that called {@code log}:
     * {@code caller(1)} is that code, as {@link #caller()}; {@code caller(2)} is its caller, which is
     * what a logging helper method wants; and so on.
     *
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public static Valuer caller(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        return () -> CallSite.describe(depth);
    }
}
