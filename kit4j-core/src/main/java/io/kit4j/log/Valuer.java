package io.kit4j.log;

/**
 * A value computed when an event is logged: go-kit's {@code log.Valuer}. Placed in a value position of
 * {@link Logger#with}, {@link Logger#withPrefix} or {@link Logger#withSuffix}, it is evaluated anew for
 * every event that logger logs; anywhere else (a key position, or the call-site keyvals) it is an
 * ordinary value and is not evaluated. An exception it throws reaches the caller of {@code log}.
 *
 * @see Values
 */
@FunctionalInterface
public interface Valuer {

    /** The value to log in place of this valuer. */
    Object value();
}
