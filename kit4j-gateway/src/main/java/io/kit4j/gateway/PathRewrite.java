package io.kit4j.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A route's {@code rewrite}: the upstream path as a template whose {@code {name}} placeholders take the
 * values of the route path's variables. With {@code path: /api/user/{id:\d+}} and
 * {@code rewrite: /v2/users/{id}}, {@code /api/user/7} goes upstream as {@code /v2/users/7}. Values are
 * percent-encoded again as path text ({@code /} kept, so a catch-all's rest stays a path); literal text is
 * sent as written. Every placeholder must name a variable of the path, checked when the route is loaded.
 */
final class PathRewrite {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Literal text at even indexes, variable names at odd ones. */
    private final List<String> parts;
    private final String text;

    private PathRewrite(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code text} against the variables {@code path} defines; anything else is an error saying what. */
    static PathRewrite parse(String text, PathPattern path) {
        if (!text.startsWith("/") || text.contains("?") || text.contains("#")) {
            throw new IllegalArgumentException("rewrite must be a path starting with /: " + text);
        }
        if (!path.isTemplate()) {
            throw new IllegalArgumentException("rewrite needs a path template with variables (such as /api/{rest:.*}); "
                    + "for a prefix use stripPrefix/prefixPath");
        }
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                if (text.indexOf('}', at) >= 0) {
                    throw new IllegalArgumentException("rewrite has an unmatched }: " + text);
                }
                parts.add(text.substring(at));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0 || text.substring(at, open).contains("}")) {
                throw new IllegalArgumentException("rewrite has unbalanced braces: " + text);
            }
            String name = text.substring(open + 1, close);
            if (!path.variables().contains(name)) {
                throw new IllegalArgumentException("rewrite names {" + name + "}, which path " + path
                        + " does not define (it has " + path.variables() + ")");
            }
            parts.add(text.substring(at, open));
            parts.add(name);
            at = close + 1;
        }
        return new PathRewrite(text, parts);
    }

    /** The upstream path for the matched {@code variables}. */
    String apply(Map<String, String> variables) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                b.append(parts.get(i));
            } else {
                encode(variables.get(parts.get(i)), b);
            }
        }
        return b.toString();
    }

    /** Percent-encodes {@code value} as RFC 3986 path characters (pchar and {@code /}). */
    private static void encode(String value, StringBuilder b) {
        if (value == null) {
            return;
        }
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && allowed((char) c)) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
