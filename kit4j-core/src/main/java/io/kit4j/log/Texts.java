package io.kit4j.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of a key or value that an encoder writes as a string: what Go's {@code fmt.Sprint},
 * {@code error.Error()} and {@code Stringer.String()} give in go-kit, mapped onto Java objects.
 */
final class Texts {

    private Texts() {
    }

    /**
     * The text of a non-null object. A {@link Throwable} gives its message (its simple class name when
     * the message is {@code null}), a {@code byte[]} its UTF-8 decoding, another array its elements,
     * a {@code double} or {@code float} Go's {@code %v} form, anything else {@code toString()}.
     * Returns {@code null} when {@code toString()} does, and lets through what {@code toString()} or
     * {@code getMessage()} throws.
     */
    static String of(Object o) {
        // An instanceof chain, not a pattern switch: the switch's type-test bootstrap costs more than the
        // whole line it is part of on this path (every value of every log event).
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Throwable t) {
            return message(t);
        }
        if (o instanceof Double d) {
            return GoFloats.print(d, false);
        }
        if (o instanceof Float f) {
            return GoFloats.print(f, true);
        }
        if (o instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (o instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return o.getClass().isArray() ? primitiveArray(o) : o.toString();
    }

    /** {@code t.getMessage()}, or the simple name of its class when there is no message. */
    static String message(Throwable t) {
        String message = t.getMessage();
        if (message != null) {
            return message;
        }
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }

    /** {@code e.toString()}, or its class name when even that throws. */
    static String thrown(RuntimeException e) {
        try {
            return e.toString();
        } catch (RuntimeException again) {
            return e.getClass().getName();
        }
    }

    private static String primitiveArray(Object array) {
        String wrapped = Arrays.deepToString(new Object[] {array});
        return wrapped.substring(1, wrapped.length() - 1);
    }
}
