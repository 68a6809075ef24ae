package io.kit4j.examples.auth;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.time.Clock;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import java.util.List;
import java.util.Map;

/**
 * The token API: {@code POST /login} with {@code {"username": ..., "password": ...}} answers
 * {@code {"access_token": ..., "token_type": "Bearer", "expires_in": 900}} (the fields of an OAuth 2.0
 * token response); wrong credentials are a 401.
 */
public final class Login {
    /** The request body. */
    public record Request(String username, String password) {
    }

    /** The answer. */
    public record Response(String access_token, String token_type, long expires_in) {
    }

    private Login() {
    }

    /** The login endpoint: checks the credentials against the demo accounts and issues a token. */
    public static Endpoint<Request, Response> endpoint(DemoAuth auth, Clock clock) {
        return (ctx, r) -> {
            if (r.username() == null || r.username().isEmpty() || r.password() == null) {
                throw KitError.invalidArgument("username and password are required");
            }
            List<String> roles = auth.authenticate(r.username(), r.password());
            if (roles == null) {
                throw new KitError(ErrorCode.UNAUTHENTICATED, "invalid username or password",
                        Map.of("WWW-Authenticate", List.of("Bearer")), null);
            }
            return new Response(auth.issue(clock, r.username(), roles, DemoAuth.TTL), "Bearer",
                    DemoAuth.TTL.toSeconds());
        };
    }

    /** Adds {@code POST /login} to {@code router}. */
    public static Router routes(Router router, DemoAuth auth, Clock clock, ErrorHandler errors) {
        JsonCodec json = JsonCodec.defaults();
        return router.post("/login", EndpointHandler.builder(endpoint(auth, clock), json.decoder(Request.class),
                json.encoder()).errorHandler(errors).build());
    }
}
