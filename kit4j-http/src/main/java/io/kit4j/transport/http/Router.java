package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.http.routing.RouteMatch;
import io.kit4j.transport.http.routing.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Dispatches requests by method and path template, gorilla/mux style: {@code /users/{id}},
 * {@code /user/{uid:\d+}}. The matched path variables reach decoders through
 * {@link ServerRequest#pathVariable(String)}, the matched template through
 * {@link ServerRequest#routeTemplate()}. An unknown path is answered 404, a known path with the
 * wrong method 405 with an {@code Allow} header, and a path with a malformed percent-escape 400, all as
 * JSON errors.
 *
 * <p>Routes live in a segment trie, so a request looks at the routes that share its path prefix and
 * never scans every route's regex. Add routes before the server starts.
 */
public final class Router implements Handler {
    private final RouteTable<Handler> table = new RouteTable<>();

    /** Routes {@code method} requests on {@code template} to {@code handler}. */
    public Router route(String method, String template, Handler handler) {
        table.add(method, template, handler);
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

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
