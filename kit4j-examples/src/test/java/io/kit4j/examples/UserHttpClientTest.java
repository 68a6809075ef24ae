package io.kit4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.examples.getname.GetName;
import io.kit4j.examples.usersvc.User;
import io.kit4j.examples.usersvc.UserEndpoints;
import io.kit4j.examples.usersvc.UserHttpClient;
import io.kit4j.transport.http.ClientRequestHook;
import io.kit4j.examples.usersvc.UserRequests;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed HTTP client against a real instance: the same endpoints on both sides of the wire. */
class UserHttpClientTest {

    @Test
    void crudThroughTypedClientEndpoints() throws Exception {
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, Logger.nop(), UserServiceApp.Middlewares.BARE)) {
            UserEndpoints users = UserHttpClient.endpoints(server.uri(),
                    ClientRequestHook.header("Authorization", AuthFixtures.ADMIN));
            Context ctx = Context.background();
            User ann = users.create().call(ctx, new UserRequests.Create("ann", "ann@x.io", 40));
            assertEquals(new User(1, "ann", "ann@x.io", 40), ann);
            assertEquals(ann, users.get().call(ctx, new UserRequests.ById(1)));
            assertEquals(new User(1, "anne", "ann@x.io", 40),
                    users.update().call(ctx, new UserRequests.Update(1, "anne", null, null)));
            assertEquals(List.of(new User(1, "anne", "ann@x.io", 40)), users.list().call(ctx, new UserRequests.ListPage(1, 10)));
            KitError dup = assertThrows(KitError.class, () -> users.create().call(ctx, new UserRequests.Create("b", "ann@x.io", 1)));
            assertEquals(ErrorCode.ALREADY_EXISTS, dup.code());
            assertTrue(users.delete().call(ctx, new UserRequests.ById(1)).deleted());
            KitError gone = assertThrows(KitError.class, () -> users.get().call(ctx, new UserRequests.ById(1)));
            assertEquals(ErrorCode.NOT_FOUND, gone.code());
            assertEquals("user 1 not found", gone.getMessage());
            assertEquals("shenyi", GetName.client(server.uri()).call(ctx, new GetName.Request(101)).result());
        }
    }
}
