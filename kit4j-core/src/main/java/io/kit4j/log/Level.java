package io.kit4j.log;

import java.util.Locale;

/**
 * The four levels of go-kit's {@code log/level} package, ordered from least to most severe. Each prints
 * as its lower-case name ({@code debug}, {@code info}, {@code warn}, {@code error}) and is logged under
 * the key {@link #KEY}.
 *
 * @see Levels
 */
public enum Level {
    /** Detail for developers. */
    DEBUG,
    /** Normal operation. */
    INFO,
    /** Something unexpected that the service survived. */
    WARN,
    /** A failure. */
    ERROR;

    /** The key under which a level is logged. */
    public static final String KEY = "level";

    private final String text = name().toLowerCase(Locale.ROOT);

    /**
     * The level named by {@code s}, ignoring case and surrounding white space.
     *
     * @throws IllegalArgumentException if {@code s} is not debug, info, warn or error
     */
    public static Level parse(String s) {
        Level level = parse(s, null);
        if (level == null) {
            throw new IllegalArgumentException("invalid level string: " + s);
        }
        return level;
    }

    /** The level named by {@code s}, as {@link #parse(String)}, or {@code fallback} if there is none. */
    public static Level parse(String s, Level fallback) {
        if (s == null) {
            return fallback;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            default -> fallback;
        };
    }

    /** The lower-case name: {@code debug}, {@code info}, {@code warn} or {@code error}. */
    @Override
    public String toString() {
        return text;
    }
}
