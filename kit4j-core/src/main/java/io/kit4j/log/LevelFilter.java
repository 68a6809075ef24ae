package io.kit4j.log;

import java.util.Objects;

/**
 * A logger that passes an event to the next one only if its level is allowed: go-kit's
 * {@code level.NewFilter}. The level of an event is the first of its values that is a {@link Level}.
 * Events without one pass unless {@link #squelchNoLevel(boolean)} says otherwise. Made by
 * {@link Levels#filter}, {@link Levels#allowAll} and {@link Levels#allowNone}.
 */
public final class LevelFilter implements Logger {
    private final Logger next;
    private final Level minimum;
    private final boolean squelchNoLevel;

    LevelFilter(Logger next, Level minimum, boolean squelchNoLevel) {
        this.next = Objects.requireNonNull(next, "next");
        this.minimum = minimum;
        this.squelchNoLevel = squelchNoLevel;
    }

    /** This filter, but dropping the events that carry no level when {@code squelch} is true. */
    public LevelFilter squelchNoLevel(boolean squelch) {
        return new LevelFilter(next, minimum, squelch);
    }

    @Override
    public void log(Object... keyvals) {
        Level level = levelOf(keyvals);
        boolean pass = level == null
                ? !squelchNoLevel
                : minimum != null && level.compareTo(minimum) >= 0;
        if (pass) {
            next.log(keyvals);
        }
    }

    /** The first value (odd index) that is a {@link Level}, or {@code null}. */
    static Level levelOf(Object[] keyvals) {
        if (keyvals == null) {
            return null;
        }
        for (int i = 1; i < keyvals.length; i += 2) {
            if (keyvals[i] instanceof Level level) {
                return level;
            }
        }
        return null;
    }
}
