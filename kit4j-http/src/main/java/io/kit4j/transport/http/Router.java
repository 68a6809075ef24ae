package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.http.routing.RouteMatch;
import io.kit4j.transport.http.routing.RouteTable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dispatches requests by method and path template, gorilla/mux style: {@code /users/{id}},
 * {@code /user/{uid:\d+}}. The matched path variables reach decoders through
 * {@link ServerRequest#pathVariable(String)}, the matched template through
 * {@link ServerRequest#routeTemplate()}. An unknown path is answered 404, a known path with the
 * wrong method 405 with an {@code Allow} header, and a path with a malformed percent-escape 400, all as
 * JSON errors.
 *
 * <p>Two refusals protect handlers from hostile requests: a method that is neither a standard one
 * (RFC 9110 and PATCH) nor routed here is 501 (unless a route accepts any method), and a path with a dot
 * segment ({@code .} or {@code ..}, also percent-encoded) is 400, so no handler ever sees a path variable
 * that climbs out of its directory. (Jetty itself refuses {@code ..} above the root and encoded
 * {@code /}, {@code \} and NUL as ambiguous.)
 *
 * <p>Routes live in a segment trie, so a request looks at the routes that share its path prefix and
 * never scans every route's regex. Add routes before the server starts.
 */
public final class Router implements Handler {
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final RouteTable<Handler> table = new RouteTable<>();
    private volatile Set<String> knownMethods = STANDARD_METHODS;
    private volatile boolean anyMethodRouted;

    /** Routes {@code method} requests on {@code template} to {@code handler}. */
    public Router route(String method, String template, Handler handler) {
        table.add(method, template, handler);
        synchronized (this) {
            if (method.equals(RouteTable.ANY_METHOD)) {
                anyMethodRouted = true;
            } else if (!knownMethods.contains(method)) {
                Set<String> more = new HashSet<>(knownMethods);
                more.add(method);
                knownMethods = Set.copyOf(more);
            }
        }
        return this;
    }

    /** Routes GET (and HEAD) requests. */
    public Router get(String template, Handler handler) {
        return route("GET", template, handler);
    }

    /** Routes POST requests. */
    public Router post(String template, Handler handler) {
        return route("POST", template, handler);
    }

    /** Routes PUT requests. */
    public Router put(String template, Handler handler) {
        return route("PUT", template, handler);
    }

    /** Routes PATCH requests. */
    public Router patch(String template, Handler handler) {
        return route("PATCH", template, handler);
    }

    /** Routes DELETE requests. */
    public Router delete(String template, Handler handler) {
        return route("DELETE", template, handler);
    }

    @Override
    public void handle(Context ctx, ServerRequest request, ServerResponse response) throws Exception {
        if (!anyMethodRouted && !knownMethods.contains(request.method())) {
            throw new KitError(ErrorCode.NOT_IMPLEMENTED, "method " + clip(request.method()) + " is not implemented");
        }
        if (hasDotSegment(request.path())) {
            throw KitError.invalidArgument("malformed path: dot segments (. and ..) are not allowed");
        }
        RouteMatch<Handler> m = table.match(request.method(), request.path());
        switch (m.kind()) {
            case FOUND -> {
                request.pathVariables(m.variables());
                request.routeTemplate(m.template());
                m.handler().handle(ctx, request, response);
            }
            case METHOD_NOT_ALLOWED -> throw new KitError(ErrorCode.METHOD_NOT_ALLOWED,
                    "method " + clip(request.method()) + " is not allowed on this path",
                    Map.of("Allow", List.of(m.allowHeader())), null);
            case BAD_PATH -> throw KitError.invalidArgument("malformed path: " + m.reason());
            default -> throw KitError.notFound("no route for " + clip(request.method()) + " " + clip(request.path()));
        }
    }

    /** True if a segment of the raw {@code path} is {@code .} or {@code ..}, literally or percent-encoded. */
    static boolean hasDotSegment(String path) {
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return false;
        }
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            int len = end - start;
            if (len > 0 && len <= 6 && isDots(path, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isDots(String path, int from, int to) {
        int dots = 0;
        for (int i = from; i < to; dots++) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= to && path.charAt(i) == '%' && path.charAt(i + 1) == '2'
                    && (path.charAt(i + 2) | 0x20) == 'e') {
                i += 3;
            } else {
                return false;
            }
        }
        return dots == 1 || dots == 2;
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
