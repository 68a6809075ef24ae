package io.kit4j.gateway;

import io.kit4j.transport.http.routing.PathTemplate;
import io.kit4j.transport.http.routing.RouteMatch;
import io.kit4j.transport.http.routing.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * A route's path, in one of three forms:
 * <ul>
 *   <li>an exact path: {@code /api/login};
 *   <li>a prefix ending in {@code /**}, which matches the prefix itself and everything below it on a
 *       segment boundary ({@code /api/users/**} matches {@code /api/users}, {@code /api/users/} and
 *       {@code /api/users/7}, not {@code /api/usersx}); {@code /**} matches every path;
 *   <li>a template with variables, in the syntax of kit4j-http's router ({@link PathTemplate}):
 *       {@code /api/user/{id:\d+}}, {@code /api/{version}/users}, {@code /static/{rest:.*}} (a
 *       catch-all); its variables can be used by the route's {@code rewrite}.
 * </ul>
 * Matched against the path as sent (still percent-encoded; the HTTP server has already refused
 * ambiguous encodings such as {@code %2F} and dot segments). Variable values are decoded.
 */
final class PathPattern {
    private static final Map<String, String> NO_VARIABLES = Map.of();

    private final String text;
    private final String prefix;
    private final boolean wildcard;
    private final RouteTable<Boolean> template;
    private final List<String> variables;

    private PathPattern(String text, String prefix, boolean wildcard, PathTemplate template) {
        this.text = text;
        this.prefix = prefix;
        this.wildcard = wildcard;
        this.template = template == null ? null : new RouteTable<Boolean>().add(RouteTable.ANY_METHOD, template, true);
        this.variables = template == null ? List.of() : template.variableNames();
    }

    /**
     * Parses {@code text}: a path starting with {@code /}, with {@code *} only in a trailing {@code /**},
     * or a template holding {@code {variables}} (and then no {@code /**}).
     */
    static PathPattern parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + text);
        }
        if (text.contains("?") || text.contains("#")) {
            throw new IllegalArgumentException("path must not hold a query or fragment: " + text);
        }
        if (text.contains("{")) {
            if (text.endsWith("/**")) {
                throw new IllegalArgumentException("a path template ends in a catch-all such as {rest:.*}, not /**: " + text);
            }
            PathTemplate t;
            try {
                t = PathTemplate.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("path template: " + e.getMessage(), e);
            }
            return new PathPattern(text, null, false, t);
        }
        boolean wildcard = text.endsWith("/**");
        String prefix = wildcard ? text.substring(0, text.length() - 3) : text;
        if (prefix.contains("*")) {
            throw new IllegalArgumentException("path may hold * only in a trailing /**: " + text);
        }
        return new PathPattern(text, prefix, wildcard, null);
    }

    /** The names of the template's variables, in order; none for an exact path or a prefix. */
    List<String> variables() {
        return variables;
    }

    /** True when this pattern is a template (its variables can be rewritten into the upstream path). */
    boolean isTemplate() {
        return template != null;
    }

    boolean matches(String path) {
        return match(path) != null;
    }

    /** The decoded variables when {@code path} matches (empty for an exact path or prefix), else null. */
    Map<String, String> match(String path) {
        if (template != null) {
            RouteMatch<Boolean> m = template.match("GET", path);
            return m.isFound() ? m.variables() : null;
        }
        if (!wildcard) {
            return path.equals(prefix) ? NO_VARIABLES : null;
        }
        boolean hit = prefix.isEmpty() || path.equals(prefix)
                || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
        return hit ? NO_VARIABLES : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
