package io.kit4j.examples.getname;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Middleware;
import io.kit4j.log.Logger;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.HttpContextKeys;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import io.kit4j.transport.http.ServerRequest;

/**
 * The GetName service's three layers: {@code GET /user/{uid:\d+}} answers {@code {"result":"shenyi"}} for
 * 101 and {@code {"result":"guest"}} otherwise, with the reference's logging middleware (the HTTP method,
 * {@code event="get user"} and the uid, on a logger that adds ts and caller).
 */
public final class GetName {
    private GetName() {
    }

    /** The endpoint's request: the user id. */
    public record Request(long uid) {
    }

    /** The endpoint's response. */
    public record Response(String result) {
    }

    /** The endpoint over {@code svc}. */
    public static Endpoint<Request, Response> endpoint(NameService svc) {
        return (ctx, r) -> new Response(svc.getName(r.uid()));
    }

    /** The reference's logging middleware. */
    public static Middleware<Request, Response> logging(Logger logger) {
        return next -> (ctx, r) -> {
            logger.log("method", ctx.getOrDefault(HttpContextKeys.REQUEST_METHOD, ""), "event", "get user",
                    "uid", r.uid());
            return next.call(ctx, r);
        };
    }

    /** Adds {@code GET /user/{uid:\d+}} to {@code router}. */
    public static Router routes(Router router, Endpoint<Request, Response> endpoint, ErrorHandler errors) {
        return router.get("/user/{uid:\\d+}", EndpointHandler.builder(endpoint, GetName::decode, JsonCodec.defaults().encoder())
                .before((ctx, r) -> ctx.with(HttpContextKeys.REQUEST_METHOD, r.method()))
                .errorHandler(errors)
                .build());
    }

    /** The client endpoint for {@code GET /user/{uid}} on the instance at {@code base}. */
    public static Endpoint<Request, Response> client(java.net.URI base) {
        return io.kit4j.transport.http.ClientEndpoint.<Request, Response>builder("GET", base,
                (ctx, req, r) -> req.path("/user/" + r.uid()), JsonCodec.defaults().responseDecoder(Response.class)).build();
    }

    private static Request decode(Context ctx, ServerRequest r) {
        return new Request(r.pathLong("uid"));
    }
}
