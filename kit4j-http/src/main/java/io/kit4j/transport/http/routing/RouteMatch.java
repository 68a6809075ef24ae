package io.kit4j.transport.http.routing;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of {@link RouteTable#match}, told apart by {@link #kind()}:
 *
 * <pre>{@code
 * RouteMatch<Handler> m = table.match(method, rawPath);
 * switch (m.kind()) {
 *     case FOUND -> m.handler().handle(m.variables(), ...);
 *     case METHOD_NOT_ALLOWED -> reply(405, "Allow", m.allowHeader());
 *     case NOT_FOUND -> reply(404);
 *     case BAD_PATH -> reply(400, m.reason());
 * }
 * }</pre>
 *
 * <p>Each accessor belongs to one kind and throws {@link IllegalStateException} on the others. Instances
 * are immutable.
 *
 * @param <H> the handler type
 */
public final class RouteMatch<H> {

    /** What a match found. */
    public enum Kind {
        /** A route matches the method and the path: serve it. */
        FOUND,
        /** No template matches the path (the method was not considered): 404. */
        NOT_FOUND,
        /** Some template matches the path, but none accepts the method: 405 with an {@code Allow} header. */
        METHOD_NOT_ALLOWED,
        /** The path has a malformed percent-escape or escapes that are not UTF-8: 400. */
        BAD_PATH
    }

    private static final RouteMatch<Object> NOT_FOUND = new RouteMatch<>(Kind.NOT_FOUND, null, null, null, null);

    private final Kind kind;
    private final H handler;
    private final Map<String, String> variables;
    private final String text;
    private final SortedSet<String> allowedMethods;

    private RouteMatch(Kind kind, H handler, Map<String, String> variables, String text,
            SortedSet<String> allowedMethods) {
        this.kind = kind;
        this.handler = handler;
        this.variables = variables;
        this.text = text;
        this.allowedMethods = allowedMethods;
    }

    /** A {@link Kind#FOUND} match; keeps an unmodifiable copy of {@code variables}. */
    public static <H> RouteMatch<H> found(H handler, Map<String, String> variables, String template) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(template, "template");
        Map<String, String> copy = variables instanceof PathVariables ? variables : Map.copyOf(variables);
        return new RouteMatch<>(Kind.FOUND, handler, copy, template, null);
    }

    /** The {@link Kind#NOT_FOUND} match. */
    @SuppressWarnings("unchecked")
    public static <H> RouteMatch<H> notFound() {
        return (RouteMatch<H>) NOT_FOUND;
    }

    /** A {@link Kind#METHOD_NOT_ALLOWED} match; {@code allowed} must not be empty. */
    public static <H> RouteMatch<H> methodNotAllowed(SortedSet<String> allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("a 405 needs at least one allowed method");
        }
        return new RouteMatch<>(Kind.METHOD_NOT_ALLOWED, null, null, null,
                Collections.unmodifiableSortedSet(new TreeSet<>(allowed)));
    }

    /** A {@link Kind#BAD_PATH} match. */
    public static <H> RouteMatch<H> badPath(String reason) {
        return new RouteMatch<>(Kind.BAD_PATH, null, null, Objects.requireNonNull(reason, "reason"), null);
    }

    /** What this match found. */
    public Kind kind() {
        return kind;
    }

    /** True if {@link #kind()} is {@link Kind#FOUND}. */
    public boolean isFound() {
        return kind == Kind.FOUND;
    }

    /** {@link Kind#FOUND}: the matching route's handler. */
    public H handler() {
        require(Kind.FOUND);
        return handler;
    }

    /** {@link Kind#FOUND}: the path variables by name, percent-decoded; unmodifiable, in template order. */
    public Map<String, String> variables() {
        require(Kind.FOUND);
        return variables;
    }

    /**
     * {@link Kind#FOUND}: the text of the matching route's template, such as {@code /users/{id}}, which
     * suits metric and trace labels better than the path itself.
     */
    public String template() {
        require(Kind.FOUND);
        return text;
    }

    /**
     * {@link Kind#METHOD_NOT_ALLOWED}: the methods the templates matching the path accept, sorted;
     * {@code HEAD} is included wherever {@code GET} is, {@code OPTIONS} only if a route was added for it.
     */
    public SortedSet<String> allowedMethods() {
        require(Kind.METHOD_NOT_ALLOWED);
        return allowedMethods;
    }

    /** {@link Kind#METHOD_NOT_ALLOWED}: the {@code Allow} header value, such as {@code "GET, HEAD, POST"}. */
    public String allowHeader() {
        return String.join(", ", allowedMethods());
    }

    /** {@link Kind#BAD_PATH}: what is wrong with the path and where, for a 400 response or a log line. */
    public String reason() {
        require(Kind.BAD_PATH);
        return text;
    }

    private void require(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("not a " + expected + " match but " + kind);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteMatch<?> other
                && kind == other.kind
                && Objects.equals(handler, other.handler)
                && Objects.equals(variables, other.variables)
                && Objects.equals(text, other.text)
                && Objects.equals(allowedMethods, other.allowedMethods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, handler, variables, text, allowedMethods);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FOUND -> "FOUND " + text + " " + variables;
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED " + allowedMethods;
            case BAD_PATH -> "BAD_PATH " + text;
        };
    }
}
