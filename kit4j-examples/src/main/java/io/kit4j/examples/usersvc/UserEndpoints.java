package io.kit4j.examples.usersvc;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.examples.usersvc.UserRequests.ById;
import io.kit4j.examples.usersvc.UserRequests.Create;
import io.kit4j.examples.usersvc.UserRequests.Deleted;
import io.kit4j.examples.usersvc.UserRequests.ListPage;
import io.kit4j.examples.usersvc.UserRequests.Update;
import java.util.List;

/**
 * The user service as endpoints, one per method, each wrapped in the given middleware stack.
 *
 * @param create CreateUser
 * @param get GetUser
 * @param update UpdateUser
 * @param delete DeleteUser
 * @param list ListUsers
 */
public record UserEndpoints(
        Endpoint<Create, User> create,
        Endpoint<ById, User> get,
        Endpoint<Update, User> update,
        Endpoint<ById, Deleted> delete,
        Endpoint<ListPage, List<User>> list) {

    /** The endpoints of {@code svc}, each wrapped in {@code mw} under its method name. */
    public static UserEndpoints of(UserService svc, NamedMiddleware mw) {
        return new UserEndpoints(
                mw.apply("CreateUser", (ctx, r) -> svc.create(ctx, r.name(), r.email(), r.age())),
                mw.apply("GetUser", (ctx, r) -> svc.get(ctx, r.id())),
                mw.apply("UpdateUser", (ctx, r) -> svc.update(ctx, r.id(), r.name(), r.email(), r.age())),
                mw.<ById, Deleted>apply("DeleteUser", (ctx, r) -> {
                    svc.delete(ctx, r.id());
                    return new Deleted(true);
                }),
                mw.apply("ListUsers", (ctx, r) -> svc.list(ctx, r.page(), r.limit())));
    }
}
