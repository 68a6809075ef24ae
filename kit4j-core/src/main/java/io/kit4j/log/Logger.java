package io.kit4j.log;

import java.io.OutputStream;

/**
 * A structured logger: go-kit's {@code log.Logger}. An event is an alternating list of keys and values,
 * {@code logger.log("method", "GetUser", "took", d, "err", e)}.
 *
 * <p>Implementations are safe for concurrent use, write each event with one write, and neither keep
 * nor change the array they are given.
 */
@FunctionalInterface
public interface Logger {

    /**
     * The value that completes an odd-length list of keyvals in a contextual logger and in the JSON
     * logger: go-kit's {@code ErrMissingValue}.
     */
    String MISSING_VALUE = "(MISSING)";

    /** Logs one event made of alternating keys and values. */
    void log(Object... keyvals);

    /**
     * A contextual logger that adds {@code keyvals} after this logger's existing prefix, before the
     * call-site keyvals: go-kit's {@code log.With}. A {@link Valuer} in a value position is evaluated
     * anew for every event. Returns this logger when {@code keyvals} is empty.
     */
    default Logger with(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return ContextLogger.of(this).with(keyvals);
    }

    /**
     * A contextual logger that adds {@code keyvals} before this logger's existing prefix: go-kit's
     * {@code log.WithPrefix}. Returns this logger when {@code keyvals} is empty.
     */
    default Logger withPrefix(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return ContextLogger.of(this).withPrefix(keyvals);
    }

    /**
     * A contextual logger that adds {@code keyvals} after the call-site keyvals, behind any existing
     * suffix: go-kit's {@code log.WithSuffix}. Returns this logger when {@code keyvals} is empty.
     */
    default Logger withSuffix(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return ContextLogger.of(this).withSuffix(keyvals);
    }

    /** A logger that discards every event: go-kit's {@code log.NewNopLogger}. */
    static Logger nop() {
        return NopLogger.INSTANCE;
    }

    /**
     * A logger that writes each event to {@code out} as one UTF-8 logfmt line, see {@link Logfmt}:
     * go-kit's {@code log.NewLogfmtLogger}. Throws {@link java.io.UncheckedIOException} when the
     * stream fails.
     */
    static Logger logfmt(OutputStream out) {
        return new StreamLogger(out, Logfmt::appendKeyvals);
    }

    /**
     * A logger that writes each event to {@code out} as one UTF-8 line holding a JSON object with
     * sorted keys: go-kit's {@code log.NewJSONLogger}. Throws {@link java.io.UncheckedIOException}
     * when the stream fails.
     */
    static Logger json(OutputStream out) {
        return new StreamLogger(out, JsonEncoding::appendEvent);
    }
}
