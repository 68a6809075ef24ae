package io.kit4j.log;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON encoding of {@link Logger#json}: one object per event, as go-kit's JSON logger builds with
 * a Go map and {@code encoding/json} (HTML escaping off).
 *
 * <p>Keys are sorted by code point (the byte order of their UTF-8 form, as Go sorts them) and the last
 * of duplicate keys wins; an odd number of keyvals gives the last key {@link Logger#MISSING_VALUE}.
 * Values: {@code null}, booleans and integral numbers as themselves, {@code double} and {@code float}
 * as Go writes them ({@code NaN}, {@code +Inf} and {@code -Inf} as strings), a {@link Throwable} as its
 * message, a {@link Map} as an object, an {@link Iterable} or array as an array, a {@code byte[]} as
 * base64, anything else as the string of its {@code toString()}. A container that contains itself is
 * written as the string {@code (cycle)} where it recurs.
 */
final class JsonEncoding {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Go's order of string map keys: by UTF-8 bytes, which is by code point. */
    static final Comparator<String> BY_CODE_POINT = JsonEncoding::compareCodePoints;

    private JsonEncoding() {
    }

    /** Appends the event's object to a log line; never drops an event. */
    static boolean appendEvent(Utf8Line line, Object[] keyvals) {
        SortedMap<String, Object> fields = new TreeMap<>(BY_CODE_POINT);
        for (int i = 0; i < keyvals.length; i += 2) {
            fields.put(key(keyvals[i]), i + 1 < keyvals.length ? keyvals[i + 1] : Logger.MISSING_VALUE);
        }
        StringBuilder out = new StringBuilder(128);
        appendObject(out, fields, Collections.newSetFromMap(new IdentityHashMap<>()));
        line.utf8(out);
        return true;
    }

    private static String key(Object key) {
        if (key == null) {
            return "null";
        }
        try {
            return String.valueOf(Texts.of(key));
        } catch (RuntimeException e) {
            return "panic stringer value: " + Texts.thrown(e);
        }
    }

    private static void appendObject(StringBuilder out, SortedMap<String, ?> fields, Set<Object> path) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, field.getKey());
            out.append(':');
            appendValue(out, field.getValue(), path);
        }
        out.append('}');
    }

    private static void appendValue(StringBuilder out, Object value, Set<Object> path) {
        if (isIntegralOrDecimal(value)) {
            out.append(value);
            return;
        }
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b.booleanValue());
            case Double d -> appendFloat(out, d, false);
            case Float f -> appendFloat(out, f, true);
            case Throwable t -> appendThrowable(out, t);
            case byte[] bytes -> appendString(out, Base64.getEncoder().encodeToString(bytes));
            case Map<?, ?> map -> appendContainer(out, map, path);
            case Iterable<?> iterable -> appendContainer(out, iterable, path);
            default -> {
                if (value.getClass().isArray()) {
                    appendContainer(out, value, path);
                } else {
                    appendText(out, value);
                }
            }
        }
    }

    private static boolean isIntegralOrDecimal(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof AtomicInteger || value instanceof AtomicLong;
    }

    private static void appendFloat(StringBuilder out, double v, boolean float32) {
        if (Double.isFinite(v)) {
            out.append(GoFloats.json(v, float32));
        } else {
            appendString(out, GoFloats.print(v, float32));
        }
    }

    private static void appendThrowable(StringBuilder out, Throwable t) {
        String message;
        try {
            message = Texts.message(t);
        } catch (RuntimeException e) {
            message = "panic error value: " + Texts.thrown(e);
        }
        appendString(out, message);
    }

    private static void appendText(StringBuilder out, Object value) {
        String text;
        try {
            text = value.toString();
        } catch (RuntimeException e) {
            text = "panic stringer value: " + Texts.thrown(e);
        }
        if (text == null) {
            out.append("null");
        } else {
            appendString(out, text);
        }
    }

    private static void appendContainer(StringBuilder out, Object container, Set<Object> path) {
        if (!path.add(container)) {
            appendString(out, "(cycle)");
            return;
        }
        switch (container) {
            case Map<?, ?> map -> {
                SortedMap<String, Object> fields = new TreeMap<>(BY_CODE_POINT);
                map.forEach((k, v) -> fields.put(key(k), v));
                appendObject(out, fields, path);
            }
            case Iterable<?> iterable -> {
                out.append('[');
                boolean first = true;
                for (Object element : iterable) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendValue(out, element, path);
                }
                out.append(']');
            }
            default -> {
                out.append('[');
                for (int i = 0, n = Array.getLength(container); i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendValue(out, Array.get(container, i), path);
                }
                out.append(']');
            }
        }
        path.remove(container);
    }

    /** A JSON string as Go writes it: RFC 8259 escapes, U+2028 and U+2029 escaped, bad UTF-16 as U+FFFD. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028', '\u2029' -> out.append("\\u").append(Integer.toHexString(c));
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
