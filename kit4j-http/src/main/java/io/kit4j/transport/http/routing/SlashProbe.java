package io.kit4j.transport.http.routing;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether a variable's regex may match a {@code '/'}, which makes a whole-last-segment variable a
 * catch-all. It scans the regex for the atoms that consume one character (escapes, character classes,
 * {@code .} and literal characters) and tests each one against {@code "/"}. Lookarounds and comments are
 * scanned too, so the answer errs towards "yes"; that only moves a route to the catch-all tier, matching
 * itself is always decided by the full regex.
 */
final class SlashProbe {
    private static final String SLASH = "/";

    private SlashProbe() {}

    /** True if {@code regex} (already known to compile) contains an atom that can consume a {@code '/'}. */
    static boolean mayMatchSlash(String regex) {
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '.', '/' -> {
                    return true;
                }
                case '\\' -> {
                    int end = escapeEnd(regex, i);
                    if (escapeMatchesSlash(regex, i, end)) {
                        return true;
                    }
                    i = end;
                }
                case '[' -> {
                    int end = classEnd(regex, i);
                    if (end < 0 || atomMatchesSlash(regex.substring(i, end))) {
                        return true;
                    }
                    i = end;
                }
                case '(' -> i = groupHeaderEnd(regex, i);
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    i = close < 0 ? n : close + 1;
                }
                default -> i++;
            }
        }
        return false;
    }

    private static boolean escapeMatchesSlash(String regex, int from, int to) {
        if (to - from < 2) {
            return true;
        }
        char e = regex.charAt(from + 1);
        if (e == 'Q') {
            return regex.substring(from + 2, to).contains(SLASH);
        }
        if (e == 'k' || (e >= '1' && e <= '9')) {
            return false; // a back reference repeats text some other atom already consumed
        }
        return atomMatchesSlash(regex.substring(from, to));
    }

    private static boolean atomMatchesSlash(String atom) {
        try {
            return Pattern.compile(atom).matcher(SLASH).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    /** The index just past the escape sequence starting with the backslash at {@code i}. */
    private static int escapeEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return n;
        }
        int end;
        switch (s.charAt(i + 1)) {
            case 'p', 'P' -> end = i + 2 < n && s.charAt(i + 2) == '{' ? after(s, '}', i + 2) : i + 3;
            case 'x' -> end = i + 2 < n && s.charAt(i + 2) == '{' ? after(s, '}', i + 2) : i + 4;
            case 'N' -> end = after(s, '}', i + 2);
            case 'k' -> end = after(s, '>', i + 2);
            case 'u' -> end = i + 6;
            case 'c' -> end = i + 3;
            case 'Q' -> {
                int close = s.indexOf("\\E", i + 2);
                end = close < 0 ? n : close + 2;
            }
            case '0' -> {
                end = i + 2;
                while (end < n && end < i + 5 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                    end++;
                }
            }
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                end = i + 2;
                while (end < n && Character.isDigit(s.charAt(end))) {
                    end++;
                }
            }
            default -> end = i + 2;
        }
        return Math.min(end, n);
    }

    private static int after(String s, char close, int from) {
        int at = s.indexOf(close, from);
        return at < 0 ? s.length() : at + 1;
    }

    /** The index just past the character class opening at {@code i}, or -1 if it never closes. */
    private static int classEnd(String s, int i) {
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j = escapeEnd(s, j);
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** The index just past a group's opening syntax: {@code (}, {@code (?:}, {@code (?<name>}, {@code (?i)}... */
    private static int groupHeaderEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n || s.charAt(i + 1) != '?') {
            return i + 1;
        }
        int j = i + 2;
        if (j >= n) {
            return n;
        }
        char c = s.charAt(j);
        if (c == ':' || c == '=' || c == '!' || c == '>') {
            return j + 1;
        }
        if (c == '<') {
            if (j + 1 < n && (s.charAt(j + 1) == '=' || s.charAt(j + 1) == '!')) {
                return j + 2;
            }
            return after(s, '>', j);
        }
        while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '-')) {
            j++;
        }
        return j < n && (s.charAt(j) == ':' || s.charAt(j) == ')') ? j + 1 : j;
    }
}
