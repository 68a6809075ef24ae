package io.kit4j.transport.http.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A node of the route trie, one level per path segment, and the backtracking search over it. A node has
 * literal children (a hash lookup), pattern children (tried in registration order, each running only its
 * own regex) and catch-all children (tried last), plus the routes of the templates ending here, by method.
 *
 * <p>Nodes are filled by {@link #insert} and then {@link #freeze frozen}; a frozen trie is never modified
 * again, so once safely published it can be searched by any number of threads.
 *
 * @param <H> the handler type
 */
final class Node<H> {
    private final Map<String, Node<H>> literalChildren = new HashMap<>();
    private final List<Edge<H>> patternChildren = new ArrayList<>();
    private final List<Edge<H>> catchAllChildren = new ArrayList<>();
    private final Map<String, Route<H>> routes = new HashMap<>();
    private LiteralIndex<Node<H>> literals;
    private int capturesBelow;

    /** A pattern or catch-all child, with the segment that leads to it. */
    private record Edge<H>(Segment segment, Node<H> child) {}

    /** Adds {@code route} under this node, following its template's segments from index {@code at}. */
    void insert(Route<H> route, List<Segment> segments, int at) {
        if (at == segments.size()) {
            routes.put(route.method(), route);
            return;
        }
        Node<H> next = switch (segments.get(at)) {
            case Segment.Literal l -> literalChildren.computeIfAbsent(l.text(), k -> new Node<>());
            case Segment.Variable v -> child(patternChildren, v, v.key());
            case Segment.CatchAll c -> child(catchAllChildren, c, c.key());
        };
        next.insert(route, segments, at + 1);
    }

    private static <H> Node<H> child(List<Edge<H>> edges, Segment segment, String key) {
        for (Edge<H> edge : edges) {
            String other = switch (edge.segment()) {
                case Segment.Variable v -> v.key();
                case Segment.CatchAll c -> c.key();
                case Segment.Literal l -> throw new IllegalStateException("literal edge " + l);
            };
            if (other.equals(key)) {
                return edge.child();
            }
        }
        Node<H> node = new Node<>();
        edges.add(new Edge<>(segment, node));
        return node;
    }

    /** Builds the lookup structures of this subtree; returns the most values a match below here captures. */
    int freeze() {
        literals = LiteralIndex.of(literalChildren);
        int most = 0;
        for (Node<H> child : literalChildren.values()) {
            most = Math.max(most, child.freeze());
        }
        for (Edge<H> edge : patternChildren) {
            most = Math.max(most, ((Segment.Variable) edge.segment()).count() + edge.child().freeze());
        }
        for (Edge<H> edge : catchAllChildren) {
            most = Math.max(most, 1 + edge.child().freeze());
        }
        capturesBelow = most;
        return most;
    }

    /**
     * Searches this subtree for the segments of {@code path} from segment number {@code seg}, whose raw
     * text starts at index {@code start} ({@code start > path.length()} once every segment is consumed).
     *
     * <p>With {@code allowed == null} it returns the first route, in priority order, that matches the path
     * and accepts {@code method}, or null. With a set it visits every template matching the path and adds
     * the methods they accept to {@code allowed}, always returning null.
     *
     * @param decoded the decoded segments, null entries (or a null array) meaning the raw text is decoded
     * @param captures the values captured so far, allocated on the first variable; may be null
     * @param count the number of values captured so far
     */
    RouteMatch<H> search(String method, Set<String> allowed, String path, String[] decoded,
            int seg, int start, String[] captures, int count) {
        int length = path.length();
        if (start > length) {
            return accept(method, allowed, captures, count);
        }
        int end = path.indexOf('/', start);
        if (end < 0) {
            end = length;
        }
        String text = decoded == null ? null : decoded[seg];

        Node<H> literal = text == null ? literals.get(path, start, end) : literals.get(text);
        if (literal != null) {
            RouteMatch<H> found =
                    literal.search(method, allowed, path, decoded, seg + 1, end + 1, captures, count);
            if (found != null) {
                return found;
            }
        }

        if (!patternChildren.isEmpty() && end > start) {
            if (captures == null) {
                captures = new String[capturesBelow];
            }
            for (int e = 0; e < patternChildren.size(); e++) {
                Edge<H> edge = patternChildren.get(e);
                Segment.Variable variable = (Segment.Variable) edge.segment();
                if (variable.pattern() == null) {
                    captures[count] = text != null ? text : path.substring(start, end);
                } else {
                    Matcher m = text != null
                            ? variable.pattern().matcher(text)
                            : variable.pattern().matcher(path).region(start, end);
                    if (!m.matches()) {
                        continue;
                    }
                    int[] groups = variable.groups();
                    for (int g = 0; g < groups.length; g++) {
                        captures[count + g] = m.group(groups[g]);
                    }
                }
                RouteMatch<H> found = edge.child().search(
                        method, allowed, path, decoded, seg + 1, end + 1, captures, count + variable.count());
                if (found != null) {
                    return found;
                }
            }
        }

        if (!catchAllChildren.isEmpty()) {
            if (captures == null) {
                captures = new String[capturesBelow];
            }
            String rest = rest(path, decoded, seg, start);
            for (int e = 0; e < catchAllChildren.size(); e++) {
                Edge<H> edge = catchAllChildren.get(e);
                if (((Segment.CatchAll) edge.segment()).pattern().matcher(rest).matches()) {
                    captures[count] = rest;
                    RouteMatch<H> found = edge.child().accept(method, allowed, captures, count + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** The templates ending here: a route accepting {@code method}, or (collecting) every method. */
    private RouteMatch<H> accept(String method, Set<String> allowed, String[] captures, int count) {
        if (routes.isEmpty()) {
            return null;
        }
        if (allowed != null) {
            for (String m : routes.keySet()) {
                if (!m.equals(RouteTable.ANY_METHOD)) {
                    allowed.add(m);
                    if (m.equals("GET")) {
                        allowed.add("HEAD");
                    }
                }
            }
            return null;
        }
        Route<H> route = routes.get(method);
        if (route == null && method.equals("HEAD")) {
            route = routes.get("GET");
        }
        if (route == null) {
            route = routes.get(RouteTable.ANY_METHOD);
        }
        return route == null ? null : route.found(captures, count);
    }

    /** The decoded text of the segments from {@code seg} (starting at {@code start}) to the end, '/'-joined. */
    private static String rest(String path, String[] decoded, int seg, int start) {
        if (decoded == null) {
            return path.substring(start);
        }
        StringBuilder rest = new StringBuilder(path.length() - start);
        for (int s = seg, from = start; ; s++) {
            int end = path.indexOf('/', from);
            int to = end < 0 ? path.length() : end;
            if (decoded[s] != null) {
                rest.append(decoded[s]);
            } else {
                rest.append(path, from, to);
            }
            if (end < 0) {
                return rest.toString();
            }
            rest.append('/');
            from = end + 1;
        }
    }
}
