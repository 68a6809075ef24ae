package io.kit4j.log;

import java.util.Objects;

/**
 * Levelled logging, go-kit's {@code log/level}: loggers that tag events with a {@link Level}, filters
 * that let events through by level, and an injector of a default level.
 *
 * <pre>{@code
 * Logger base = Levels.filter(Logger.logfmt(System.out), Level.INFO);
 * Levels.info(base).log("msg", "started");     // written
 * Levels.debug(base).log("msg", "details");    // dropped
 * }</pre>
 */
public final class Levels {

    private Levels() {
    }

    /** {@code logger.withPrefix("level", Level.DEBUG)}. */
    public static Logger debug(Logger logger) {
        return logger.withPrefix(Level.KEY, Level.DEBUG);
    }

    /** {@code logger.withPrefix("level", Level.INFO)}. */
    public static Logger info(Logger logger) {
        return logger.withPrefix(Level.KEY, Level.INFO);
    }

    /** {@code logger.withPrefix("level", Level.WARN)}. */
    public static Logger warn(Logger logger) {
        return logger.withPrefix(Level.KEY, Level.WARN);
    }

    /** {@code logger.withPrefix("level", Level.ERROR)}. */
    public static Logger error(Logger logger) {
        return logger.withPrefix(Level.KEY, Level.ERROR);
    }

    /**
     * A filter passing to {@code next} the events of level {@code minimum} or above, and the events
     * without a level: go-kit's {@code level.NewFilter(next, level.Allow(minimum))}.
     */
    public static LevelFilter filter(Logger next, Level minimum) {
        return new LevelFilter(next, Objects.requireNonNull(minimum, "minimum"), false);
    }

    /** A filter passing every levelled event: go-kit's {@code level.AllowAll()}. */
    public static LevelFilter allowAll(Logger next) {
        return filter(next, Level.DEBUG);
    }

    /** A filter dropping every levelled event: go-kit's {@code level.AllowNone()}. */
    public static LevelFilter allowNone(Logger next) {
        return new LevelFilter(next, null, false);
    }

    /**
     * A logger that puts {@code level=<level>} at the front of the events that carry no {@link Level}
     * value: go-kit's {@code level.NewInjector}.
     */
    public static Logger inject(Logger next, Level level) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(level, "level");
        return keyvals -> {
            if (LevelFilter.levelOf(keyvals) != null) {
                next.log(keyvals);
                return;
            }
            int n = keyvals == null ? 0 : keyvals.length;
            Object[] event = new Object[n + 2];
            event[0] = Level.KEY;
            event[1] = level;
            if (n > 0) {
                System.arraycopy(keyvals, 0, event, 2, n);
            }
            next.log(event);
        };
    }
}
