package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.auth.jwt.Algorithm;
import io.kit4j.auth.jwt.Claims;
import io.kit4j.auth.jwt.JwtKey;
import io.kit4j.auth.jwt.JwtSigner;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route requiring a JWT: refused at the gateway without a valid token or role; claims forwarded as trusted headers. */
class GatewayJwtTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesMissingBadAndUnderprivilegedTokensAndForwardsClaims(@TempDir Path dir) throws Exception {
        byte[] secret = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        Path secretFile = dir.resolve("secret");
        Files.write(secretFile, secret);
        JwtSigner good = JwtSigner.builder(Algorithm.HS256, JwtKey.hmac(secret)).ttl(Duration.ofMinutes(5)).build();
        JwtSigner forger = JwtSigner.builder(Algorithm.HS256,
                JwtKey.hmac("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)))
                .ttl(Duration.ofMinutes(5)).build();
        String admin = good.sign(Claims.builder().subject("alice").claim("roles", List.of("admin", "ops")).build());
        String viewer = good.sign(Claims.builder().subject("bob").claim("roles", List.of("viewer")).build());
        String forged = forger.sign(Claims.builder().subject("mallory").claim("roles", List.of("admin")).build());
        try (EchoUpstream a = new EchoUpstream("a");
                Gateway g = Gateway.builder().routes(RoutesFile.parse("""
                        routes:
                          - id: admin
                            path: /admin/**
                            instances: ["%s"]
                            jwt:
                              algorithm: HS256
                              secretFile: %s
                              roles: [admin]
                              forwardClaims: {sub: X-User-Id, roles: X-User-Roles}
                          - id: public
                            path: /**
                            instances: ["%s"]
                        """.formatted(a.address(), secretFile, a.address()))).build()) {
            HttpServer s = HttpServer.builder().handler(g).build().start();
            try {
                HttpResponse<String> none = get(s, "/admin/echo", null);
                assertEquals(401, none.statusCode(), none.body());
                assertEquals("unauthenticated", JSON.readTree(none.body()).get("code").asText());
                assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
                assertEquals(401, get(s, "/admin/echo", "Bearer " + forged).statusCode());
                assertEquals(401, get(s, "/admin/echo", "Bearer not.a.token").statusCode());
                HttpResponse<String> weak = get(s, "/admin/echo", "Bearer " + viewer);
                assertEquals(403, weak.statusCode(), weak.body());
                assertEquals(0, a.hits.get(), "no refused request reached the upstream");

                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(s.uri() + "/admin/echo"))
                        .header("Authorization", "Bearer " + admin).header("X-User-Id", "mallory")
                        .header("X-User-Roles", "root").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode(), ok.body());
                JsonNode seen = JSON.readTree(ok.body()).get("headers");
                assertEquals("alice", seen.get("x-user-id").get(0).asText());
                assertEquals(1, seen.get("x-user-id").size(), "the client's X-User-Id is replaced, not added to");
                assertEquals("admin,ops", seen.get("x-user-roles").get(0).asText());
                assertEquals("Bearer " + admin, seen.get("authorization").get(0).asText());

                HttpResponse<String> open = get(s, "/echo", null);
                assertEquals(200, open.statusCode());
                assertNull(JSON.readTree(open.body()).get("headers").get("x-user-id"));
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void aJwtRouteWithoutAUsableKeyIsRejected() {
        try (Gateway g = Gateway.builder().build()) {
            for (String jwt : List.of("{algorithm: HS999, secretFile: /nonexistent}", "{algorithm: HS256}",
                    "{algorithm: HS256, secretFile: /nonexistent/secret}")) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> g.apply(RoutesFile.parse("routes:\n  - id: x\n    path: /x\n    instances: []\n    jwt: " + jwt + "\n")));
                assertTrue(e.getMessage().startsWith("route 1 (x): jwt"), e.getMessage());
            }
        }
    }

    private HttpResponse<String> get(HttpServer s, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.uri() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
