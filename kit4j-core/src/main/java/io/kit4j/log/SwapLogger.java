package io.kit4j.log;

import java.util.Objects;

/**
 * A logger whose destination can be replaced atomically while it is in use: go-kit's
 * {@code log.SwapLogger}. Until a logger is set, and after {@code swap(null)}, it discards events.
 */
public final class SwapLogger implements Logger {
    private volatile Logger current;

    /** A swap logger that discards events until {@link #swap} is called. */
    public SwapLogger() {
        this(null);
    }

    /** A swap logger that starts by forwarding to {@code initial} ({@code null} discards). */
    public SwapLogger(Logger initial) {
        this.current = Objects.requireNonNullElse(initial, Logger.nop());
    }

    /** Forwards all later events to {@code next}; {@code null} makes this logger discard them. */
    public void swap(Logger next) {
        current = Objects.requireNonNullElse(next, Logger.nop());
    }

    @Override
    public void log(Object... keyvals) {
        current.log(keyvals);
    }
}
