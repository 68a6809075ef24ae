package io.kit4j.log.slf4j;

import io.kit4j.log.Level;
import io.kit4j.log.Logfmt;
import io.kit4j.log.Logger;
import java.util.Objects;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A kit4j {@link Logger} that hands each event to an SLF4J 2 logger through the fluent API.
 *
 * <ul>
 *   <li>The first {@code level} pair whose value is a {@link Level}, an {@link org.slf4j.event.Level} or
 *       one of the strings {@code debug}, {@code info}, {@code warn}, {@code error} (any case) chooses
 *       the SLF4J level and is not passed on; without one the event goes out at the default level.</li>
 *   <li>The first {@code msg} or {@code message} pair becomes the message. Without one, the message is
 *       the logfmt rendering of the other pairs, so that plain pattern layouts still show the event
 *       (empty if a key is unusable).</li>
 *   <li>Every other pair becomes an SLF4J key-value pair: the key as a string, the value as it is
 *       except that a {@link Throwable} gives its message. The first {@code Throwable} under
 *       {@code err} or {@code error} is also the event's cause.</li>
 *   <li>An odd number of keyvals gives the last key {@link Logger#MISSING_VALUE}.</li>
 * </ul>
 */
public final class Slf4jLogger implements Logger {
    private static final String BOUNDARY = Slf4jLogger.class.getName();

    private final org.slf4j.Logger delegate;
    private final org.slf4j.event.Level defaultLevel;

    /** An adapter that logs events without a level at INFO. */
    public Slf4jLogger(org.slf4j.Logger delegate) {
        this(delegate, Level.INFO);
    }

    /** An adapter that logs events without a level at {@code defaultLevel}. */
    public Slf4jLogger(org.slf4j.Logger delegate, Level defaultLevel) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.defaultLevel = toSlf4j(Objects.requireNonNull(defaultLevel, "defaultLevel"));
    }

    @Override
    public void log(Object... keyvals) {
        Object[] kv = keyvals == null ? new Object[0] : keyvals;
        int pairs = (kv.length + 1) / 2;
        org.slf4j.event.Level level = null;
        int levelPair = -1;
        int messagePair = -1;
        Throwable cause = null;
        for (int p = 0; p < pairs; p++) {
            String key = String.valueOf(kv[2 * p]);
            Object value = valueAt(kv, p);
            if (levelPair < 0 && key.equals(Level.KEY) && slf4jLevel(value) != null) {
                levelPair = p;
                level = slf4jLevel(value);
            } else if (messagePair < 0 && (key.equals("msg") || key.equals("message"))) {
                messagePair = p;
            } else if (cause == null && value instanceof Throwable t && (key.equals("err") || key.equals("error"))) {
                cause = t;
            }
        }
        if (level == null) {
            level = defaultLevel;
        }
        if (!delegate.isEnabledForLevel(level)) {
            return;
        }
        LoggingEventBuilder event = delegate.atLevel(level);
        if (event instanceof CallerBoundaryAware boundary) {
            boundary.setCallerBoundary(BOUNDARY);
        }
        Object[] rest = new Object[2 * (pairs - (levelPair < 0 ? 0 : 1) - (messagePair < 0 ? 0 : 1))];
        int r = 0;
        for (int p = 0; p < pairs; p++) {
            if (p == levelPair || p == messagePair) {
                continue;
            }
            String key = String.valueOf(kv[2 * p]);
            Object value = valueAt(kv, p);
            event.addKeyValue(key, value instanceof Throwable t ? messageOf(t) : value);
            rest[r++] = key;
            rest[r++] = value;
        }
        event.setMessage(messagePair < 0 ? render(rest) : text(valueAt(kv, messagePair)));
        if (cause != null) {
            event.setCause(cause);
        }
        event.log();
    }

    private static Object valueAt(Object[] kv, int pair) {
        int i = 2 * pair + 1;
        return i < kv.length ? kv[i] : Logger.MISSING_VALUE;
    }

    private static org.slf4j.event.Level slf4jLevel(Object value) {
        return switch (value) {
            case Level level -> toSlf4j(level);
            case org.slf4j.event.Level level -> level;
            case String s -> {
                Level level = Level.parse(s, null);
                yield level == null ? null : toSlf4j(level);
            }
            case null, default -> null;
        };
    }

    private static org.slf4j.event.Level toSlf4j(Level level) {
        return switch (level) {
            case DEBUG -> org.slf4j.event.Level.DEBUG;
            case INFO -> org.slf4j.event.Level.INFO;
            case WARN -> org.slf4j.event.Level.WARN;
            case ERROR -> org.slf4j.event.Level.ERROR;
        };
    }

    private static String text(Object value) {
        return value instanceof Throwable t ? messageOf(t) : String.valueOf(value);
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String render(Object[] keyvals) {
        try {
            return Logfmt.marshal(keyvals);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
