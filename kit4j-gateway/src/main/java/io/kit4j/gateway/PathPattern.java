package io.kit4j.gateway;

/**
 * A route's path: an exact path ({@code /api/login}), or a prefix ending in {@code /**} that matches
 * the prefix itself and everything below it on a segment boundary ({@code /api/users/**} matches
 * {@code /api/users}, {@code /api/users/} and {@code /api/users/7}, not {@code /api/usersx});
 * {@code /**} matches every path. Matched against the path as sent (still percent-encoded; the HTTP
 * server has already refused ambiguous encodings such as {@code %2F} and dot segments).
 */
final class PathPattern {
    private final String text;
    private final String prefix;
    private final boolean wildcard;

    private PathPattern(String text, String prefix, boolean wildcard) {
        this.text = text;
        this.prefix = prefix;
        this.wildcard = wildcard;
    }

    /** Parses {@code text}; anything but a path starting with {@code /} (with {@code *} only in a trailing {@code /**}) is refused. */
    static PathPattern parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + text);
        }
        boolean wildcard = text.endsWith("/**");
        String prefix = wildcard ? text.substring(0, text.length() - 3) : text;
        if (prefix.contains("*") || prefix.contains("?") || prefix.contains("#")) {
            throw new IllegalArgumentException("path may hold * only in a trailing /**: " + text);
        }
        return new PathPattern(text, prefix, wildcard);
    }

    boolean matches(String path) {
        if (!wildcard) {
            return path.equals(prefix);
        }
        return prefix.isEmpty() || path.equals(prefix)
                || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    @Override
    public String toString() {
        return text;
    }
}
