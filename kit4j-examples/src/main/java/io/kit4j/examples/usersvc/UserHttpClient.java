package io.kit4j.examples.usersvc;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.examples.usersvc.UserRequests.ById;
import io.kit4j.examples.usersvc.UserRequests.Create;
import io.kit4j.examples.usersvc.UserRequests.Deleted;
import io.kit4j.examples.usersvc.UserRequests.ListPage;
import io.kit4j.examples.usersvc.UserRequests.Patch;
import io.kit4j.examples.usersvc.UserRequests.Update;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.ClientRequestHook;
import io.kit4j.transport.http.JsonCodec;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of the user service's HTTP transport: the same {@link UserEndpoints}, each a
 * {@link ClientEndpoint} against one instance. Errors the service answers come back as the same typed
 * {@link io.kit4j.errors.KitError}s.
 */
public final class UserHttpClient {
    private static final JsonCodec JSON = JsonCodec.defaults();

    private UserHttpClient() {
    }

    /** The endpoints of the instance at {@code base}, for example {@code http://127.0.0.1:8080}. */
    public static UserEndpoints endpoints(URI base) {
        return new UserEndpoints(create(base), get(base), update(base), delete(base), list(base));
    }

    /**
     * The endpoints of the instance at {@code base}, the writes sending {@code auth}'s headers (for example
     * {@code JwtHttp.contextToHttp()} or a fixed {@code Authorization}).
     */
    public static UserEndpoints endpoints(URI base, ClientRequestHook auth) {
        return new UserEndpoints(
                ClientEndpoint.<Create, User>builder("POST", base.resolve("/users"), JSON.requestEncoder(),
                        JSON.responseDecoder(User.class)).before(auth).build(),
                get(base),
                ClientEndpoint.<Update, User>builder("PUT", base, UserHttpClient::encodeUpdate,
                        JSON.responseDecoder(User.class)).before(auth).build(),
                ClientEndpoint.<ById, Deleted>builder("DELETE", base, (ctx, req, r) -> req.path("/users/" + r.id()),
                        JSON.responseDecoder(Deleted.class)).before(auth).build(),
                list(base));
    }

    private static void encodeUpdate(io.kit4j.context.Context ctx, io.kit4j.transport.http.ClientRequest req, Update r)
            throws Exception {
        req.path("/users/" + r.id());
        JSON.requestEncoder().encode(ctx, req, new Patch(r.name(), r.email(), r.age()));
    }

    /** POST /users. */
    public static Endpoint<Create, User> create(URI base) {
        return ClientEndpoint.<Create, User>builder("POST", base.resolve("/users"), JSON.requestEncoder(),
                JSON.responseDecoder(User.class)).build();
    }

    /** GET /users/{id}. */
    public static Endpoint<ById, User> get(URI base) {
        return ClientEndpoint.<ById, User>builder("GET", base, (ctx, req, r) -> req.path("/users/" + r.id()),
                JSON.responseDecoder(User.class)).build();
    }

    /** PUT /users/{id}. */
    public static Endpoint<Update, User> update(URI base) {
        return ClientEndpoint.<Update, User>builder("PUT", base, (ctx, req, r) -> {
            req.path("/users/" + r.id());
            JSON.requestEncoder().encode(ctx, req, new Patch(r.name(), r.email(), r.age()));
        }, JSON.responseDecoder(User.class)).build();
    }

    /** DELETE /users/{id}. */
    public static Endpoint<ById, Deleted> delete(URI base) {
        return ClientEndpoint.<ById, Deleted>builder("DELETE", base, (ctx, req, r) -> req.path("/users/" + r.id()),
                JSON.responseDecoder(Deleted.class)).build();
    }

    /** GET /users?page=&amp;limit=. */
    public static Endpoint<ListPage, List<User>> list(URI base) {
        return ClientEndpoint.<ListPage, List<User>>builder("GET", base,
                (ctx, req, r) -> req.path("/users?page=" + r.page() + "&limit=" + r.limit()),
                (ctx, resp) -> Arrays.asList(JSON.responseDecoder(User[].class).decode(ctx, resp))).build();
    }
}
