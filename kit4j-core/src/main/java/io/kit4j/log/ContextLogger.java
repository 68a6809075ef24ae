package io.kit4j.log;

import java.util.Arrays;

/**
 * The logger returned by {@link Logger#with}, {@link Logger#withPrefix} and {@link Logger#withSuffix}:
 * go-kit's {@code log.context}. It holds a prefix and a suffix around the call-site keyvals and binds
 * the {@link Valuer}s among their values on every event.
 *
 * <p>Deriving a contextual logger from another one merges the keyvals instead of wrapping, so the
 * number of frames between the call site and the binding of a valuer never depends on how many
 * times {@code with} was applied.
 */
final class ContextLogger implements Logger {
    private static final Object[] NONE = {};

    private final Logger next;
    private final Object[] prefix;
    private final Object[] suffix;
    private final boolean prefixHasValuer;
    private final boolean suffixHasValuer;

    private ContextLogger(Logger next, Object[] prefix, Object[] suffix) {
        this.next = next;
        this.prefix = prefix;
        this.suffix = suffix;
        this.prefixHasValuer = containsValuer(prefix);
        this.suffixHasValuer = containsValuer(suffix);
    }

    /** {@code logger} itself when it is contextual, else an empty context around it. */
    static ContextLogger of(Logger logger) {
        if (logger instanceof ContextLogger context) {
            return context;
        }
        return new ContextLogger(logger, NONE, NONE);
    }

    @Override
    public Logger with(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return new ContextLogger(next, completed(concat(prefix, keyvals)), suffix);
    }

    @Override
    public Logger withPrefix(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return new ContextLogger(next, concat(completed(keyvals), prefix), suffix);
    }

    @Override
    public Logger withSuffix(Object... keyvals) {
        if (keyvals == null || keyvals.length == 0) {
            return this;
        }
        return new ContextLogger(next, prefix, concat(suffix, completed(keyvals)));
    }

    @Override
    public void log(Object... keyvals) {
        Object[] call = keyvals == null ? NONE : keyvals;
        int head = prefix.length + call.length;
        int missing = head % 2;
        Object[] event = new Object[head + missing + suffix.length];
        System.arraycopy(prefix, 0, event, 0, prefix.length);
        System.arraycopy(call, 0, event, prefix.length, call.length);
        if (missing == 1) {
            event[head] = MISSING_VALUE;
        }
        System.arraycopy(suffix, 0, event, head + missing, suffix.length);
        if (prefixHasValuer) {
            bindValues(event, 0, prefix.length);
        }
        if (suffixHasValuer) {
            bindValues(event, head + missing, event.length);
        }
        next.log(event);
    }

    private static void bindValues(Object[] keyvals, int from, int to) {
        for (int i = from + 1; i < to; i += 2) {
            if (keyvals[i] instanceof Valuer valuer) {
                keyvals[i] = valuer.value();
            }
        }
    }

    private static boolean containsValuer(Object[] keyvals) {
        for (int i = 1; i < keyvals.length; i += 2) {
            if (keyvals[i] instanceof Valuer) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code keyvals}, completed with {@link #MISSING_VALUE} when its length is odd. */
    private static Object[] completed(Object[] keyvals) {
        Object[] copy = Arrays.copyOf(keyvals, keyvals.length + keyvals.length % 2);
        if (keyvals.length % 2 == 1) {
            copy[keyvals.length] = MISSING_VALUE;
        }
        return copy;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
