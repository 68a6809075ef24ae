package io.kit4j.examples;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.examples.getname.GetName;
import io.kit4j.examples.getname.NameService;
import io.kit4j.examples.usersvc.InMemoryUserService;
import io.kit4j.examples.usersvc.UserEndpoints;
import io.kit4j.examples.usersvc.UserHttp;
import io.kit4j.log.Logger;
import io.kit4j.log.LoggingMiddleware;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import java.util.Map;

/**
 * One instance of the reference services: the user service (CRUD and paging) and GetName on one port,
 * with {@code GET /health}. {@code bin/kit4j usersvc} runs it; the demo and the tests start it in-process.
 */
public final class UserServiceApp {
    private UserServiceApp() {
    }

    /** What to put around the endpoints. */
    public enum Middlewares {
        /** No middleware: the benchmark's baseline. */
        BARE,
        /** Logging of every call (the reference's middleware). */
        FULL
    }

    /** The router serving both services; {@code logger} receives the middleware and error logs. */
    public static Router router(Logger logger, Middlewares mw) {
        ErrorHandler errors = mw == Middlewares.FULL ? ErrorHandler.logging(logger.with("event", "error")) : ErrorHandler.nop();
        NamedMiddleware logging = mw == Middlewares.FULL ? new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return LoggingMiddleware.<Q, R>of(logger, name).apply(next);
            }
        } : NamedMiddleware.identity();
        Router router = new Router();
        UserHttp.routes(router, UserEndpoints.of(new InMemoryUserService(), logging), errors);
        Endpoint<GetName.Request, GetName.Response> getName = GetName.endpoint(NameService.reference());
        if (mw == Middlewares.FULL) {
            getName = getName.with(GetName.logging(logger));
        }
        GetName.routes(router, getName, errors);
        router.get("/health", EndpointHandler.of((ctx, q) -> Map.of("status", "OK"), (ctx, r) -> null,
                JsonCodec.defaults().encoder()));
        return router;
    }

    /** Starts an instance on {@code host:port} (port 0 picks a free one). */
    public static HttpServer start(String host, int port, Logger logger, Middlewares mw) {
        return HttpServer.builder().host(host).port(port).handler(router(logger, mw)).build().start();
    }
}
