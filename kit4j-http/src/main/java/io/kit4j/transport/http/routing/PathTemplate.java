package io.kit4j.transport.http.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed gorilla/mux-style path template such as {@code /users}, {@code /users/{id}},
 * {@code /user/{uid:\d+}}, {@code /files/{name}.json} or {@code /static/{path:.*}}.
 *
 * <p>A template starts with {@code '/'} and is split into segments on {@code '/'} (a {@code '/'} inside
 * braces belongs to a regex). Each segment is literal text, one variable, or literal text mixed with
 * variables. Literal text is written decoded: {@code /café} matches the request path {@code /caf%C3%A9}.
 * Braces always delimit variables, and braces inside a regex must balance (quantifiers such as
 * {@code {2,4}} do).
 *
 * <ul>
 *   <li>{@code {name}} matches one whole, non-empty segment: gorilla's {@code [^/]+} on the raw path.
 *       Since an encoded {@code %2F} never separates segments, the decoded value may contain {@code '/'}.
 *   <li>{@code {name:regex}} must match the whole text it occupies (the regex is anchored), and never an
 *       empty segment.
 *   <li>Inside a mixed segment such as {@code {name}.json} a variable without a regex matches any
 *       non-empty text, greedily.
 *   <li><b>Catch-all:</b> a variable that is the whole last segment and whose regex can match {@code '/'}
 *       (such as {@code .*} or {@code .+}) matches the rest of the path, slashes included, and may match
 *       an empty rest if its regex allows ({@code /static/{path:.*}} matches {@code /static/} and
 *       {@code /static/css/site.css}, not {@code /static}). Its value is the decoded segments joined with
 *       {@code '/'}. A regex that can match {@code '/'} anywhere else still matches one segment only.
 * </ul>
 *
 * <p>A trailing slash is significant: {@code /users/} and {@code /users} are different templates. Empty
 * segments ({@code //}) are rejected except for that trailing one. Variable names are made of ASCII
 * letters, digits, {@code '_'}, {@code '-'} and {@code '.'} and must be unique within a template; a regex
 * may use capturing groups. Instances are immutable.
 */
public final class PathTemplate {
    private static final String ANY_TEXT = "(?s:.+)";

    private final String text;
    private final List<Segment> segments;
    private final List<String> variableNames;
    private final List<String> shape;

    private PathTemplate(String text, List<Segment> segments, List<String> variableNames) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.variableNames = List.copyOf(variableNames);
        List<String> keys = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            keys.add(switch (segment) {
                case Segment.Literal l -> "=" + l.text();
                case Segment.Variable v -> "~" + v.key();
                case Segment.CatchAll c -> "*" + c.key();
            });
        }
        this.shape = List.copyOf(keys);
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException if it does not start with {@code '/'}, has unbalanced braces, an
     *     empty segment, an empty, malformed or duplicate variable name, or an empty or invalid regex
     */
    public static PathTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        if (!template.startsWith("/")) {
            throw invalid(template, "must start with '/'");
        }
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int open = -1;
        int start = 1;
        for (int i = 1; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == '}') {
                if (depth == 0) {
                    throw invalid(template, "unbalanced '}' at index " + i);
                }
                depth--;
            } else if (c == '/' && depth == 0) {
                ranges.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (depth > 0) {
            throw invalid(template, "unclosed '{' at index " + open);
        }
        ranges.add(new int[] {start, template.length()});

        List<Segment> segments = new ArrayList<>(ranges.size());
        List<String> names = new ArrayList<>();
        for (int s = 0; s < ranges.size(); s++) {
            int[] range = ranges.get(s);
            boolean last = s == ranges.size() - 1;
            if (range[0] == range[1] && !last) {
                throw invalid(template, "empty segment at index " + range[0]);
            }
            segments.add(parseSegment(template, range[0], range[1], last, names));
        }
        return new PathTemplate(template, segments, names);
    }

    /** One segment's text, {@code template[from, to)}; braces are known to balance. */
    private static Segment parseSegment(String template, int from, int to, boolean last, List<String> names) {
        StringBuilder composed = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        List<Integer> groups = new ArrayList<>();
        String onlyRegex = null;
        int variables = 0;
        int nextGroup = 1;
        boolean hasLiteral = false;
        int i = from;
        while (i < to) {
            char c = template.charAt(i);
            if (c != '{') {
                literal.append(c);
                hasLiteral = true;
                i++;
                continue;
            }
            int close = closingBrace(template, i);
            String body = template.substring(i + 1, close);
            int colon = body.indexOf(':');
            String name = colon < 0 ? body : body.substring(0, colon);
            String regex = colon < 0 ? null : body.substring(colon + 1);
            checkName(template, name, names);
            Pattern alone = regex == null ? null : compile(template, name, regex);
            if (!literal.isEmpty()) {
                composed.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            String source = regex == null ? ANY_TEXT : regex;
            composed.append('(').append(source).append(')');
            groups.add(nextGroup);
            nextGroup += 1 + (alone == null ? 0 : alone.matcher("").groupCount());
            onlyRegex = regex;
            variables++;
            i = close + 1;
        }
        if (variables == 0) {
            return new Segment.Literal(literal.toString());
        }
        if (!literal.isEmpty()) {
            composed.append(Pattern.quote(literal.toString()));
        }
        if (variables == 1 && !hasLiteral) {
            if (onlyRegex == null) {
                return new Segment.Variable("", null, new int[1]);
            }
            if (last && SlashProbe.mayMatchSlash(onlyRegex)) {
                return new Segment.CatchAll(onlyRegex, Pattern.compile(onlyRegex));
            }
        }
        String key = composed.toString();
        Pattern pattern = Pattern.compile(key);
        if (pattern.matcher("").groupCount() != nextGroup - 1) {
            throw invalid(template, "a regex in segment '" + template.substring(from, to)
                    + "' does not stand alone as a group");
        }
        return new Segment.Variable(key, pattern, groups.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int closingBrace(String template, int open) {
        int depth = 0;
        for (int i = open; ; i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
    }

    private static void checkName(String template, String name, List<String> names) {
        if (name.isEmpty()) {
            throw invalid(template, "empty variable name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                throw invalid(template, "invalid variable name '" + name
                        + "' (use letters, digits, '_', '-' or '.')");
            }
        }
        if (names.contains(name)) {
            throw invalid(template, "duplicate variable name '" + name + "'");
        }
        names.add(name);
    }

    private static Pattern compile(String template, String name, String regex) {
        if (regex.isEmpty()) {
            throw invalid(template, "empty regex for variable '" + name + "'");
        }
        Pattern alone;
        try {
            alone = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid(template, "invalid regex for variable '" + name + "': " + e.getDescription()
                    + " near index " + e.getIndex(), e);
        }
        // Reject regexes that only compile on their own, such as an unterminated \Q or a (?x) comment,
        // because they would swallow the group wrapped around them.
        boolean wraps;
        try {
            wraps = Pattern.compile("(" + regex + ")").matcher("").groupCount()
                    == alone.matcher("").groupCount() + 1;
        } catch (PatternSyntaxException e) {
            wraps = false;
        }
        if (!wraps) {
            throw invalid(template, "invalid regex for variable '" + name + "': it cannot be enclosed in a group");
        }
        return alone;
    }

    private static IllegalArgumentException invalid(String template, String reason) {
        return new IllegalArgumentException("invalid path template \"" + template + "\": " + reason);
    }

    private static IllegalArgumentException invalid(String template, String reason, Throwable cause) {
        return new IllegalArgumentException("invalid path template \"" + template + "\": " + reason, cause);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The names of the template's variables, in the order they appear. */
    public List<String> variableNames() {
        return variableNames;
    }

    /** True if the last segment is a catch-all variable that matches the rest of the path. */
    public boolean hasCatchAll() {
        return !segments.isEmpty() && segments.get(segments.size() - 1) instanceof Segment.CatchAll;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The template's structure without variable names: two templates with one shape match the same paths. */
    List<String> shape() {
        return shape;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
