package io.kit4j.examples.usersvc;

import io.kit4j.examples.usersvc.UserRequests.ById;
import io.kit4j.examples.usersvc.UserRequests.Create;
import io.kit4j.examples.usersvc.UserRequests.ListPage;
import io.kit4j.examples.usersvc.UserRequests.Patch;
import io.kit4j.examples.usersvc.UserRequests.Update;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.RequestHook;
import io.kit4j.transport.http.Router;
import io.kit4j.transport.http.ServerRequest;

/**
 * The user service's HTTP transport: its routes, decoders and encoders.
 *
 * <pre>
 * POST   /users              201 + the user
 * GET    /users/{id}         the user
 * PUT    /users/{id}         partial update, the user
 * DELETE /users/{id}         {"deleted":true}
 * GET    /users?page=&amp;limit=  one page by id (page from 1, limit 1..100; defaults 1 and 10)
 * </pre>
 */
public final class UserHttp {
    private static final JsonCodec JSON = JsonCodec.defaults();

    private UserHttp() {
    }

    /** Adds the user service's routes to {@code router}. */
    public static Router routes(Router router, UserEndpoints e, ErrorHandler errors) {
        return routes(router, e, errors, new RequestHook[0]);
    }

    /**
     * Adds the user service's routes to {@code router}, each running the {@code before} hooks first (for
     * example {@code JwtHttp.httpToContext()}, which hands the bearer token to an auth middleware).
     */
    public static Router routes(Router router, UserEndpoints e, ErrorHandler errors, RequestHook... before) {
        return router
                .post("/users", EndpointHandler.builder(e.create(), JSON.decoder(Create.class), JSON.encoder(201))
                        .before(before).errorHandler(errors).build())
                .get("/users/{id}", EndpointHandler.builder(e.get(), UserHttp::byId, JSON.encoder())
                        .before(before).errorHandler(errors).build())
                .put("/users/{id}", EndpointHandler.builder(e.update(), UserHttp::update, JSON.encoder())
                        .before(before).errorHandler(errors).build())
                .delete("/users/{id}", EndpointHandler.builder(e.delete(), UserHttp::byId, JSON.encoder())
                        .before(before).errorHandler(errors).build())
                .get("/users", EndpointHandler.builder(e.list(), UserHttp::listPage, JSON.encoder())
                        .before(before).errorHandler(errors).build());
    }

    private static ById byId(io.kit4j.context.Context ctx, ServerRequest r) {
        return new ById(r.pathLong("id"));
    }

    private static Update update(io.kit4j.context.Context ctx, ServerRequest r) {
        long id = r.pathLong("id");
        Patch p = JSON.readRequired(r.body(), Patch.class);
        return new Update(id, p.name(), p.email(), p.age());
    }

    private static ListPage listPage(io.kit4j.context.Context ctx, ServerRequest r) {
        return new ListPage(r.queryInt("page", 1), r.queryInt("limit", 10));
    }
}
