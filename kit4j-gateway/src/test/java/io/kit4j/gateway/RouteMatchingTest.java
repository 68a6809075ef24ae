package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.transport.http.HttpServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Path templates, rewrites and header matching of gateway routes: unit checks, then over real sockets. */
class RouteMatchingTest {
    private final GatewayFixture fx = new GatewayFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void templatesMatchWithConstraintsAndDecodeVariables() {
        PathPattern p = PathPattern.parse("/api/user/{id:\\d+}");
        assertEquals(Map.of("id", "101"), p.match("/api/user/101"));
        assertNull(p.match("/api/user/abc"));
        assertNull(p.match("/api/user/101/x"));
        assertNull(p.match("/api/user/"));
        PathPattern all = PathPattern.parse("/files/{name}/{rest:.*}");
        assertEquals(Map.of("name", "a b", "rest", "c/d.txt"), all.match("/files/a%20b/c/d.txt"));
        assertEquals(List.of("name", "rest"), all.variables());
    }

    @Test
    void prefixesAndExactPathsStillMatchAsBefore() {
        PathPattern prefix = PathPattern.parse("/api/users/**");
        assertTrue(prefix.matches("/api/users"));
        assertTrue(prefix.matches("/api/users/7"));
        assertFalse(prefix.matches("/api/usersx"));
        assertTrue(PathPattern.parse("/**").matches("/anything/at/all"));
        assertTrue(PathPattern.parse("/api/login").matches("/api/login"));
        assertFalse(PathPattern.parse("/api/login").matches("/api/login/"));
    }

    @Test
    void badPatternsAndRewritesAreRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/api/{id}/**"))
                .getMessage().contains("catch-all"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/api/{id"))
                .getMessage().startsWith("path template"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/a/*/b"))
                .getMessage().contains("trailing /**"));
        PathPattern p = PathPattern.parse("/api/user/{id}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathRewrite.parse("/users/{uid}", p))
                .getMessage().contains("does not define"));
        assertThrows(IllegalArgumentException.class, () -> PathRewrite.parse("users/{id}", p));
        assertThrows(IllegalArgumentException.class, () -> PathRewrite.parse("/users/{id", p));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PathRewrite.parse("/x", PathPattern.parse("/api/**"))).getMessage().contains("stripPrefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HeaderMatch.of(Map.of("X-V", "(")))
                .getMessage().startsWith("headers.X-V"));
        assertThrows(IllegalArgumentException.class, () -> HeaderMatch.of(Map.of("bad name", "x")));
    }

    @Test
    void rewritesEncodeValuesAgainAndKeepACatchAllsSlashes() {
        PathPattern p = PathPattern.parse("/api/{name}/{rest:.*}");
        PathRewrite r = PathRewrite.parse("/v2/{rest}/of/{name}", p);
        assertEquals("/v2/c/d%3F.txt/of/a%20b%C3%A9", r.apply(p.match("/api/a%20b%C3%A9/c/d%3F.txt")));
    }

    @Test
    void headerMatchNeedsEveryEntryAndAWholeMatch() {
        HeaderMatch m = HeaderMatch.of(Map.of("X-Version", "v2|v3", "X-Tenant", ".+"));
        assertTrue(m.matches(name -> switch (name) {
            case "x-version" -> List.of("v1", "v3");
            case "x-tenant" -> List.of("acme");
            default -> List.of();
        }));
        assertFalse(m.matches(name -> name.equals("x-version") ? List.of("v20") : List.of("acme")));
        assertFalse(m.matches(name -> name.equals("x-version") ? List.of("v2") : List.of()));
        assertTrue(HeaderMatch.of(null).matches(name -> List.of()));
    }

    @Test
    void templateRouteRewritesThePathUpstreamKeepingTheQuery() throws Exception {
        EchoUpstream a = fx.upstream("a");
        HttpServer s = fx.serve("""
                routes:
                  - id: user
                    path: /api/user/{id:\\d+}
                    rewrite: /v2/users/{id}/name
                    instances: ["%s"]
                """.formatted(a.address()));
        HttpResponse<String> r = fx.get(s, "/api/user/101?verbose=1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("/v2/users/101/name?verbose=1", GatewayFixture.json(r).get("uri").asText());
        HttpResponse<String> bad = fx.get(s, "/api/user/abc");
        assertEquals(404, bad.statusCode());
        assertTrue(GatewayFixture.json(bad).get("error").asText().contains("no route matches"), bad.body());
        HttpResponse<String> view = fx.get(s, Gateway.ROUTES_PATH);
        assertEquals("/v2/users/{id}/name", GatewayFixture.json(view).get("routes").get(0).get("rewrite").asText());
    }

    @Test
    void headersPickTheRouteFirstMatchWins() throws Exception {
        EchoUpstream canary = fx.upstream("canary");
        EchoUpstream stable = fx.upstream("stable");
        HttpServer s = fx.serve("""
                routes:
                  - id: canary
                    path: /api/**
                    headers: {X-Canary: "true|yes", X-Tenant: ".+"}
                    instances: ["%s"]
                  - id: stable
                    path: /api/**
                    instances: ["%s"]
                """.formatted(canary.address(), stable.address()));
        assertEquals("canary", fx.get(s, "/api/x", "x-canary", "yes", "X-Tenant", "acme")
                .headers().firstValue("X-Instance").orElseThrow());
        assertEquals("stable", fx.get(s, "/api/x", "X-Canary", "yes").headers().firstValue("X-Instance").orElseThrow());
        assertEquals("stable", fx.get(s, "/api/x", "X-Canary", "yesno", "X-Tenant", "acme")
                .headers().firstValue("X-Instance").orElseThrow());
        assertEquals("stable", fx.get(s, "/api/x").headers().firstValue("X-Instance").orElseThrow());
    }

    @Test
    void anInvalidTemplateOrRewriteNamesTheRoute() {
        EchoUpstream a = fx.upstream("a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fx.gateway("""
                routes:
                  - id: user
                    path: /api/user/{id}
                    rewrite: /users/{uid}
                    instances: ["%s"]
                """.formatted(a.address()), Gateway.builder()));
        assertTrue(e.getMessage().contains("route 1 (user)"), e.getMessage());
        assertTrue(e.getMessage().contains("{uid}"), e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> fx.gateway("""
                routes:
                  - id: user
                    path: /api/user/{id}
                    rewrite: /users/{id}
                    stripPrefix: 1
                    instances: ["%s"]
                """.formatted(a.address()), Gateway.builder()));
        assertTrue(both.getMessage().contains("rewrite replaces stripPrefix"), both.getMessage());
    }
}
