package io.kit4j.log;

/**
 * The logfmt encoding of go-logfmt, as used by {@link Logger#logfmt}: {@code key=value} pairs separated
 * by single spaces.
 *
 * <ul>
 *   <li>Keys: a {@code null} key, or a key whose {@code toString()} fails or gives {@code null}, is an
 *       error ("nil key"). Characters up to and including space, {@code =}, {@code "}, DEL, U+FFFD and
 *       unpaired surrogates are removed; a key left empty is an error ("invalid key").</li>
 *   <li>Values: {@code null} is written {@code null}; a string that is exactly {@code null} is written
 *       {@code "null"}; a string with a character up to space, {@code =}, {@code "}, DEL, U+FFFD or an
 *       unpaired surrogate is quoted, escaping {@code \\ \" \n \r \t}, other control characters as
 *       {@code \}{@code u00XX} and unpaired surrogates as {@code \}{@code ufffd}; other strings,
 *       including the empty one, are written raw.</li>
 *   <li>A {@link Throwable} is written as its message; {@code double} and {@code float} as Go's
 *       {@code fmt.Sprint}; other objects as {@code toString()}. A {@code toString()} or
 *       {@code getMessage()} that throws is written {@code PANIC:<exception>}, quoted as needed.</li>
 *   <li>An odd number of keyvals is completed with a {@code null} value.</li>
 * </ul>
 */
public final class Logfmt {
    private static final String NIL_KEY = "nil key";
    private static final String INVALID_KEY = "invalid key";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Logfmt() {
    }

    /**
     * The logfmt encoding of {@code keyvals}, without a trailing newline: go-logfmt's
     * {@code MarshalKeyvals}.
     *
     * @throws IllegalArgumentException for a nil or invalid key
     */
    public static String marshal(Object... keyvals) {
        Utf8Line out = new Utf8Line(64);
        String error = encode(out, keyvals == null ? new Object[0] : keyvals);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return out.toString();
    }

    /** Appends the encoding of {@code keyvals}; {@code false} (with {@code out} partly written) on a bad key. */
    static boolean appendKeyvals(Utf8Line out, Object[] keyvals) {
        return encode(out, keyvals) == null;
    }

    private static String encode(Utf8Line out, Object[] keyvals) {
        for (int i = 0; i < keyvals.length; i += 2) {
            if (i > 0) {
                out.ascii(' ');
            }
            String error = appendKey(out, keyvals[i]);
            if (error != null) {
                return error;
            }
            out.ascii('=');
            appendValue(out, i + 1 < keyvals.length ? keyvals[i + 1] : null);
        }
        return null;
    }

    private static String appendKey(Utf8Line out, Object key) {
        if (key == null) {
            return NIL_KEY;
        }
        String text;
        try {
            text = Texts.of(key);
        } catch (RuntimeException e) {
            return NIL_KEY;
        }
        if (text == null) {
            return NIL_KEY;
        }
        if (out.plain(text)) { // most keys: printable ASCII, written whole
            return text.isEmpty() ? INVALID_KEY : null;
        }
        int start = out.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.utf8(c, text.charAt(++i));
            } else if (!needsQuote(c)) {
                out.utf8(c);
            }
        }
        return out.length() == start ? INVALID_KEY : null;
    }

    private static void appendValue(Utf8Line out, Object value) {
        if (value == null) {
            out.ascii("null");
            return;
        }
        if (value instanceof Timestamp t) {
            t.appendTo(out); // never quoted: digits, '-', ':', 'T', '.', 'Z' and '+'
            return;
        }
        if (value instanceof HexId id) {
            id.appendTo(out); // hex digits: never quoted
            return;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.decimal(((Number) value).longValue()); // digits and a sign: never quoted, no String made
            return;
        }
        String text;
        try {
            text = Texts.of(value);
        } catch (RuntimeException e) {
            appendString(out, "PANIC:" + Texts.thrown(e));
            return;
        }
        if (text == null) {
            out.ascii("null");
        } else if (text.equals("null")) {
            out.ascii("\"null\"");
        } else {
            appendString(out, text);
        }
    }

    private static void appendString(Utf8Line out, String s) {
        if (out.plain(s)) { // most values: printable ASCII, written whole
            return;
        }
        if (needsQuotes(s)) {
            appendQuoted(out, s);
        } else {
            out.utf8(s);
        }
    }

    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (needsQuote(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a character outside a valid surrogate pair forces quotes on a value and is dropped from a key. */
    private static boolean needsQuote(char c) {
        return c <= ' ' || c == '=' || c == '"' || c == 0x7f || c == '\ufffd' || Character.isSurrogate(c);
    }

    private static void appendQuoted(Utf8Line out, String s) {
        out.ascii('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '"' -> out.ascii('\\').ascii(c);
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\t' -> out.ascii("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.ascii(c); // most characters of most quoted values
                    } else if (c < 0x20) {
                        out.ascii("\\u00").ascii(HEX[c >> 4]).ascii(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.utf8(c, s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.ascii("\\ufffd");
                    } else {
                        out.utf8(c);
                    }
                }
            }
        }
        out.ascii('"');
    }
}
