package io.kit4j.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;
import io.kit4j.time.ManualClock;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The middlewares over a real socket: 401s with RFC 6750 challenges and JSON bodies, 403 for a caller
 * without the role, typed claims in the endpoint, and kit4j's own client signing its calls.
 */
class JwtHttpTest {
    record UserClaim(String name, List<String> roles) {
        static UserClaim of(Claims c) {
            if (c.subject() == null) {
                throw new IllegalArgumentException("no subject");
            }
            return new UserClaim(c.subject(), c.strings("roles"));
        }
    }

    static final ContextKey<UserClaim> USER = new ContextKey<>("user");
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ManualClock clock = new ManualClock(Instant.now());
    final JwtKey key = JwtKey.generate(Algorithm.ES256).withKeyId("svc");
    final JwtSigner signer = JwtSigner.builder(Algorithm.ES256, key).clock(clock).ttl(Duration.ofMinutes(5)).build();
    final JwtVerifier verifier = JwtVerifier.builder(Algorithm.ES256, KeySource.of(key)).clock(clock).audience("svc").build();
    HttpServer server;

    @BeforeEach
    void start() {
        Endpoint<Object, Map<String, Object>> whoami = (ctx, q) -> Map.of("name", ctx.get(USER).name());
        Endpoint<Object, Map<String, Object>> admin = (ctx, q) -> Map.of("done", true);
        JsonCodec json = JsonCodec.defaults();
        server = HttpServer.builder().handler(new Router()
                .get("/whoami", EndpointHandler.builder(whoami.with(JwtMiddleware.parser(verifier, USER, UserClaim::of)),
                        (ctx, r) -> null, json.encoder()).before(JwtHttp.httpToContext()).build())
                .post("/admin", EndpointHandler.builder(admin
                        .with(JwtMiddleware.<Object, Map<String, Object>>requireRole("admin"))
                        .with(JwtMiddleware.parser(verifier)), (ctx, r) -> null, json.encoder())
                        .before(JwtHttp.httpToContext()).build())).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(String sub, String... roles) {
        return signer.sign(Claims.builder().subject(sub).audience("svc").claim("roles", List.of(roles)).build());
    }

    void expect401(HttpResponse<String> r, String challenge, String error) {
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(challenge, r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("{\"error\":\"" + error + "\",\"code\":\"unauthenticated\"}\n", r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void goodTokensReachTheEndpointWithTypedClaims() throws Exception {
        HttpResponse<String> r = send("GET", "/whoami", "Bearer " + token("alice"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"name\":\"alice\"}\n", r.body());
        assertEquals(200, send("GET", "/whoami", "bearer " + token("alice")).statusCode(), "the scheme is case-insensitive");
    }

    @Test
    void everyKindOfBadTokenIsA401WithItsChallenge() throws Exception {
        expect401(send("GET", "/whoami", null), "Bearer", "no bearer token");
        expect401(send("GET", "/whoami", "Basic YWxpY2U6cHc="), "Bearer", "no bearer token");
        expect401(send("GET", "/whoami", "Bearer  two  spaces"), "Bearer", "no bearer token");
        expect401(send("GET", "/whoami", "Bearer not-a-jwt"), "Bearer error=\"invalid_token\", "
                + "error_description=\"JWT is malformed: expected three base64url segments\"",
                "JWT is malformed: expected three base64url segments");
        String t = token("alice");
        clock.advance(Duration.ofMinutes(5));
        expect401(send("GET", "/whoami", "Bearer " + t), "Bearer error=\"invalid_token\", error_description=\"JWT is expired\"",
                "JWT is expired");
        String none = Hand.unsigned("{\"alg\":\"none\"}", "{\"sub\":\"root\",\"aud\":\"svc\",\"exp\":" + (clock.now().getEpochSecond() + 60) + "}");
        expect401(send("GET", "/whoami", "Bearer " + none), "Bearer error=\"invalid_token\", "
                + "error_description=\"unexpected signing method: expected ES256\"", "unexpected signing method: expected ES256");
        String other = JwtSigner.builder(Algorithm.ES256, JwtKey.generate(Algorithm.ES256)).clock(clock).ttl(Duration.ofMinutes(1)).build()
                .sign(Claims.builder().subject("x").audience("svc").build());
        expect401(send("GET", "/whoami", "Bearer " + other), "Bearer error=\"invalid_token\", error_description=\"signature is invalid\"",
                "signature is invalid");
        String noSubject = signer.sign(Claims.builder().audience("svc").build());
        expect401(send("GET", "/whoami", "Bearer " + noSubject), "Bearer error=\"invalid_token\", "
                + "error_description=\"token claims are invalid: claims do not fit this service\"",
                "token claims are invalid: claims do not fit this service");
    }

    @Test
    void anAuthenticatedCallerWithoutTheRoleGets403() throws Exception {
        HttpResponse<String> viewer = send("POST", "/admin", "Bearer " + token("vic", "viewer"));
        assertEquals(403, viewer.statusCode());
        assertEquals("{\"error\":\"requires role admin\",\"code\":\"permission_denied\"}\n", viewer.body());
        assertEquals("Bearer error=\"insufficient_scope\", error_description=\"requires role admin\"",
                viewer.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(200, send("POST", "/admin", "Bearer " + token("ann", "viewer", "admin")).statusCode());
        assertEquals(401, send("POST", "/admin", null).statusCode(), "authentication comes before authorization");
    }

    @Test
    void kit4jClientsSignTheirCalls() throws Exception {
        Endpoint<Object, Map<String, Object>> whoami = ClientEndpoint.<Object, Map<String, Object>>builder("GET",
                URI.create(server.uri() + "/whoami"), (ctx, req, q) -> { },
                (ctx, resp) -> cast(JsonCodec.defaults().responseDecoder(Map.class).decode(ctx, resp)))
                .before(JwtHttp.contextToHttp()).build();
        Endpoint<Object, Map<String, Object>> signed = whoami.with(JwtMiddleware.signer(signer,
                ctx -> Claims.builder().subject("svc-client").audience("svc").build()));
        assertEquals(Map.of("name", "svc-client"), signed.call(Context.background(), null));
        KitError unsigned = assertThrows(KitError.class, () -> whoami.call(Context.background(), null));
        assertEquals(401, unsigned.status());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @Test
    void authorizationWithoutAParserFailsClosed() {
        Endpoint<Object, Object> e = JwtMiddleware.<Object, Object>requireRole("admin").apply((ctx, q) -> "reached");
        JwtException ex = assertThrows(JwtException.class, () -> e.call(Context.background(), null));
        assertEquals(JwtException.Kind.MISSING, ex.kind());
        Endpoint<Object, Object> scoped = JwtMiddleware.<Object, Object>requireScopes("users:write").apply((ctx, q) -> "reached");
        Context withScope = Context.background().with(JwtContextKeys.CLAIMS,
                Claims.builder().claim("scope", "users:read users:write").build());
        assertEquals("reached", assertDoesNotThrow(() -> scoped.call(withScope, null)));
        KitError denied = assertThrows(KitError.class, () -> scoped.call(Context.background().with(JwtContextKeys.CLAIMS,
                Claims.builder().claim("scope", "users:read").build()), null));
        assertEquals(403, denied.status());
        assertEquals("Bearer error=\"insufficient_scope\", error_description=\"requires scope users:write\", scope=\"users:write\"",
                denied.headers().get("WWW-Authenticate").get(0));
    }

    static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
