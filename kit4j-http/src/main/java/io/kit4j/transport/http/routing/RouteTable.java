package io.kit4j.transport.http.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * HTTP routes (method and {@link PathTemplate} to a handler), matched through a segment trie so that a
 * request only runs the regexes of the segments it actually reaches, never every route's.
 *
 * <p><b>Matching.</b> {@link #match} takes the raw request path, still percent-encoded and without the
 * query. It splits the path on {@code '/'} first and then decodes each segment as UTF-8, so {@code %2F}
 * never separates segments: {@code /files/a%2Fb} matches {@code /files/{name}} with {@code name = "a/b"}.
 * The path is not normalized ({@code .} and {@code ..} are plain segments), and a trailing slash is
 * significant, as in gorilla/mux by default: {@code /users/} does not match {@code /users}. Empty segments
 * never match a variable.
 *
 * <p><b>Priority.</b> At each segment a literal beats a variable, variables are tried in the order their
 * routes were added, and catch-alls come last. The search backtracks: if the preferred branch fails further
 * down, the next one is tried, so with {@code /users/me/settings} and {@code /users/{id}/posts} both
 * {@code /users/me/settings} and {@code /users/me/posts} match.
 *
 * <p><b>Methods.</b> Methods are case-sensitive upper-case tokens, or {@link #ANY_METHOD} for every method.
 * The first template (in priority order) that matches the path and accepts the method wins; a template
 * accepts its exact method first, then {@code HEAD} falls back to its {@code GET} route, then {@code "*"}.
 * If templates match the path but none accepts the method, the result is
 * {@link RouteMatch.Kind#METHOD_NOT_ALLOWED} listing the methods they accept; if none matches the path,
 * {@link RouteMatch.Kind#NOT_FOUND}; if the path has a malformed percent-escape or escapes that are not
 * UTF-8, {@link RouteMatch.Kind#BAD_PATH}.
 *
 * <p><b>Threads.</b> {@link #add} is synchronized and may run at any time. Matching reads an immutable trie
 * snapshot without locking; the snapshot is rebuilt from all routes by the first {@code match} after an
 * {@code add} (copy-on-write), so register routes before serving to pay for that once. A match sees every
 * route whose {@code add} returned before the match began.
 *
 * @param <H> the handler type
 */
public final class RouteTable<H> {

    /** The method of a route that accepts every method. */
    public static final String ANY_METHOD = "*";

    private final List<Route<H>> routes = new ArrayList<>();
    private final Map<Key, Route<H>> byKey = new HashMap<>();
    private volatile Node<H> root;

    /** Identifies a route for duplicate detection: method and template shape, ignoring variable names. */
    private record Key(String method, List<String> shape) {}

    /** An empty table. */
    public RouteTable() {}

    /**
     * Adds a route; same as {@code add(method, PathTemplate.parse(template), handler)}.
     *
     * @throws IllegalArgumentException if the method or template is invalid, or the route is a duplicate
     */
    public RouteTable<H> add(String method, String template, H handler) {
        return add(method, PathTemplate.parse(Objects.requireNonNull(template, "template")), handler);
    }

    /**
     * Adds a route for {@code method} (such as {@code "GET"}, or {@link #ANY_METHOD}) and {@code template}.
     *
     * @return this table
     * @throws IllegalArgumentException if the method is not an upper-case token or {@code "*"}, or a route
     *     with this method and the same template (or one differing only in variable names, which would
     *     match the same requests) was already added
     */
    public synchronized RouteTable<H> add(String method, PathTemplate template, H handler) {
        checkMethod(method);
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
        Route<H> route = new Route<>(method, template, handler);
        Route<H> previous = byKey.putIfAbsent(new Key(method, template.shape()), route);
        if (previous != null) {
            throw new IllegalArgumentException("duplicate route " + route
                    + (previous.template().equals(template) ? "" : ": it matches the same requests as " + previous));
        }
        routes.add(route);
        root = null;
        return this;
    }

    /** The number of routes added. */
    public synchronized int size() {
        return routes.size();
    }

    /**
     * Matches a request.
     *
     * @param method the request method, compared case-sensitively
     * @param path the raw request path, still percent-encoded, without query; a path that does not start
     *     with {@code '/'} (such as {@code "*"}) matches nothing
     */
    public RouteMatch<H> match(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Node<H> trie = root;
        if (trie == null) {
            trie = build();
        }
        if (path.isEmpty() || path.charAt(0) != '/') {
            return RouteMatch.notFound();
        }
        String[] decoded = null;
        if (path.indexOf('%') >= 0) {
            try {
                decoded = PathDecoder.decodeSegments(path);
            } catch (IllegalArgumentException e) {
                return RouteMatch.badPath(e.getMessage());
            }
        }
        RouteMatch<H> found = trie.search(method, null, path, decoded, 0, 1, null, 0);
        if (found != null) {
            return found;
        }
        SortedSet<String> allowed = new TreeSet<>();
        trie.search(method, allowed, path, decoded, 0, 1, null, 0);
        return allowed.isEmpty() ? RouteMatch.notFound() : RouteMatch.methodNotAllowed(allowed);
    }

    private synchronized Node<H> build() {
        Node<H> trie = root;
        if (trie == null) {
            trie = new Node<>();
            for (Route<H> route : routes) {
                trie.insert(route, route.template().segments(), 0);
            }
            trie.freeze();
            root = trie;
        }
        return trie;
    }

    private static void checkMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.equals(ANY_METHOD)) {
            return;
        }
        boolean ok = !method.isEmpty();
        for (int i = 0; i < method.length() && ok; i++) {
            char c = method.charAt(i);
            ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid HTTP method \"" + method
                    + "\": use upper-case letters, digits, '-' and '_', or \"*\" for any method");
        }
    }

    @Override
    public synchronized String toString() {
        return "RouteTable" + routes;
    }
}
