package io.kit4j.transport.http.routing;

import java.util.Arrays;
import java.util.Map;

/**
 * One registered route: a method (or {@code "*"}), its template and its handler. A route without variables
 * keeps its one possible {@code FOUND} match, so matching it allocates nothing.
 *
 * @param <H> the handler type
 */
final class Route<H> {
    private final String method;
    private final PathTemplate template;
    private final H handler;
    private final RouteMatch<H> constant;

    Route(String method, PathTemplate template, H handler) {
        this.method = method;
        this.template = template;
        this.handler = handler;
        this.constant = template.variableNames().isEmpty()
                ? RouteMatch.found(handler, Map.of(), template.text())
                : null;
    }

    String method() {
        return method;
    }

    PathTemplate template() {
        return template;
    }

    /** The match for this route, given the first {@code count} captured values in template order. */
    RouteMatch<H> found(String[] captures, int count) {
        if (constant != null) {
            return constant;
        }
        return RouteMatch.found(handler,
                new PathVariables(template.variableNames(), Arrays.copyOf(captures, count)), template.text());
    }

    @Override
    public String toString() {
        return method + " " + template.text();
    }
}
