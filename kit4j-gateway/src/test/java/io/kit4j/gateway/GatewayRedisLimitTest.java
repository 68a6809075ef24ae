package io.kit4j.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kit4j.auth.jwt.Algorithm;
import io.kit4j.auth.jwt.Claims;
import io.kit4j.auth.jwt.JwtKey;
import io.kit4j.auth.jwt.JwtSigner;
import io.kit4j.metrics.inmemory.InMemoryCounter;
import io.kit4j.ratelimit.redis.RedisClients;
import io.kit4j.ratelimit.redis.RedisServer;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * Route rate limits whose buckets live in a real Redis ({@link RedisServer}), shared by two gateway
 * instances in front of one upstream, and limits per token subject.
 */
class GatewayRedisLimitTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayFixture fx = new GatewayFixture();
    private final HttpClient http = fx.http();
    private RedisClient jedis;

    @BeforeEach
    void redisUpAndEmpty() throws Exception {
        REDIS.resume();
        try (RedisClient probe = RedisClients.pooled(REDIS.uri(), Duration.ofSeconds(2))) {
            probe.ping();
        } catch (RuntimeException dead) {
            REDIS.restart(); // a test before this one killed it
        }
        jedis = RedisClients.pooled(REDIS.uri(), Duration.ofSeconds(5));
        fx.add(jedis);
        jedis.flushAll(); // the buckets of one test are never another test's (route ids repeat)
    }

    @AfterEach
    void closeAll() throws Exception {
        fx.close();
    }

    private HttpResponse<String> get(HttpServer s, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.uri() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", "Bearer " + authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRateLimited(HttpResponse<String> r) throws Exception {
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("resource_exhausted", JSON.readTree(r.body()).get("code").asText(), r.body());
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    }

    @Test
    void twoGatewaysShareOneBucketInRedis() throws Exception {
        EchoUpstream up = fx.upstream("up");
        double rate = 2;
        int burst = 10;
        String yaml = """
                redis: {uri: "%s", failOpen: false, timeout: 2s}
                routes:
                  - id: shared
                    path: /**
                    instances: ["%s"]
                    rateLimit: {perSecond: %s, burst: %d, key: route, store: redis}
                """.formatted(REDIS.uri(), up.address(), rate, burst);
        List<HttpServer> gateways = List.of(fx.serve(fx.gateway(yaml, Gateway.builder())), fx.serve(fx.gateway(yaml, Gateway.builder())));
        int perGateway = 40;
        int[] ok = new int[2];
        int[] limited = new int[2];
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < perGateway * 2; i++) {
                HttpServer s = gateways.get(i % 2);
                calls.add(threads.submit(() -> get(s, "/echo", null)));
            }
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> r = calls.get(i).get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    ok[i % 2]++;
                } else {
                    assertRateLimited(r);
                    limited[i % 2]++;
                }
            }
        }
        double elapsedUpper = (System.nanoTime() - start) / 1e9;
        int admitted = ok[0] + ok[1];
        assertTrue(admitted >= burst, "the full bucket at least: " + admitted);
        assertTrue(admitted <= burst + rate * elapsedUpper + 1e-9,
                admitted + " admitted by both gateways together in at most " + elapsedUpper + " s (one bucket, not two)");
        assertEquals(perGateway * 2, admitted + limited[0] + limited[1]);
        assertEquals(admitted, up.hits.get(), "refused requests never reach the upstream");
        assertTrue(jedis.exists(RedisStore.PREFIX + "shared:r"), "the bucket's key names the route");

        // whichever gateway asks next, the shared bucket is empty for both (until it refills)
        HttpResponse<String> a = get(gateways.get(0), "/echo", null);
        HttpResponse<String> b = get(gateways.get(1), "/echo", null);
        assertTrue(a.statusCode() == 429 || b.statusCode() == 429, a.statusCode() + " " + b.statusCode());
    }

    @Test
    void aLimitPerTokenSubjectChecksTheTokenFirstAndKeepsABucketPerSubject(@TempDir Path dir) throws Exception {
        byte[] secret = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        Path secretFile = dir.resolve("secret");
        Files.write(secretFile, secret);
        JwtSigner signer = JwtSigner.builder(Algorithm.HS256, JwtKey.hmac(secret)).ttl(Duration.ofMinutes(5)).build();
        String alice = signer.sign(Claims.builder().subject("alice").build());
        String bob = signer.sign(Claims.builder().subject("bob").build());
        String nobody = signer.sign(Claims.builder().claim("roles", List.of("x")).build());
        EchoUpstream up = fx.upstream("up");
        String yaml = """
                redis: {uri: "%s"}
                routes:
                  - id: api
                    path: /api/**
                    instances: ["%s"]
                    jwt: {algorithm: HS256, secretFile: %s}
                    rateLimit: {perSecond: 0.01, burst: 2, key: subject, store: redis}
                  - id: local
                    path: /local/**
                    instances: ["%s"]
                    jwt: {algorithm: HS256, secretFile: %s}
                    rateLimit: {perSecond: 0.01, burst: 1, key: subject}
                """.formatted(REDIS.uri(), up.address(), secretFile, up.address(), secretFile);
        Gateway first = fx.gateway(yaml, Gateway.builder());
        HttpServer one = fx.serve(first);
        HttpServer two = fx.serve(fx.gateway(yaml, Gateway.builder()));

        assertEquals(200, get(one, "/api/echo", alice).statusCode());
        assertEquals(200, get(two, "/api/echo", alice).statusCode());
        HttpResponse<String> third = get(one, "/api/echo", alice);
        assertRateLimited(third);
        assertEquals("100", third.headers().firstValue("Retry-After").orElseThrow(), "a token per 100 s");
        assertRateLimited(get(two, "/api/echo", alice));
        assertEquals(200, get(two, "/api/echo", bob).statusCode(), "another subject has its own bucket");
        assertTrue(jedis.exists(RedisStore.PREFIX + "api:s:alice"));

        for (int i = 0; i < 5; i++) { // no token, a bad token: 401, never 429, and no bucket is touched
            HttpResponse<String> none = get(one, "/api/echo", null);
            assertEquals(401, none.statusCode(), none.body());
            assertEquals("unauthenticated", JSON.readTree(none.body()).get("code").asText());
            assertEquals(401, get(two, "/api/echo", "not.a.token").statusCode());
        }
        HttpResponse<String> noSub = get(one, "/api/echo", nobody);
        assertEquals(401, noSub.statusCode(), noSub.body());
        assertTrue(noSub.body().contains("sub"), noSub.body());
        assertEquals(3, up.hits.get());

        assertEquals(200, get(one, "/local/echo", alice).statusCode());
        assertRateLimited(get(one, "/local/echo", alice));
        assertEquals(200, get(one, "/local/echo", bob).statusCode(), "a local limit per subject too");

        first.apply(RoutesFile.parse(yaml)); // a reload: the buckets are in Redis, so the state stays
        assertRateLimited(get(one, "/api/echo", alice));
        JsonNode view = JSON.readTree(get(one, Gateway.ROUTES_PATH, null).body()).get("routes").get(0).get("rateLimit");
        assertEquals("subject", view.get("key").asText());
        assertEquals("redis", view.get("store").asText());
        assertTrue(view.get("storeAvailable").asBoolean());
    }

    @Test
    void whileRedisIsDeadAFailOpenRouteAdmitsAndAFailClosedOneAnswers503() throws Exception {
        EchoUpstream up = fx.upstream("up");
        String routes = """
                routes:
                  - id: limited
                    path: /**
                    instances: ["%s"]
                    rateLimit: {perSecond: 1000, burst: 1000, store: redis}
                """.formatted(up.address());
        InMemoryCounter degraded = new InMemoryCounter("degraded");
        HttpServer open = fx.serve(fx.gateway("redis: {uri: \"" + REDIS.uri() + "\", timeout: 200ms}\n" + routes,
                Gateway.builder().rateLimitStoreFailures(degraded)));
        Gateway closedGateway = fx.gateway("redis: {uri: \"" + REDIS.uri() + "\", failOpen: false, timeout: 200ms}\n" + routes,
                Gateway.builder());
        HttpServer closed = fx.serve(closedGateway);
        assertEquals(200, get(open, "/echo", null).statusCode());
        assertEquals(200, get(closed, "/echo", null).statusCode());

        REDIS.kill();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get(open, "/echo", null).statusCode(), "admitted without Redis (failOpen)");
            HttpResponse<String> refused = get(closed, "/echo", null);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("unavailable", JSON.readTree(refused.body()).get("code").asText());
        }
        assertEquals(5, degraded.with("route", "limited").value());
        JsonNode view = JSON.readTree(get(closed, Gateway.ROUTES_PATH, null).body());
        assertFalse(view.get("routes").get(0).get("rateLimit").get("storeAvailable").asBoolean());

        REDIS.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get(closed, "/echo", null).statusCode() != 200) { // one retry per second while it was down
            assertTrue(System.nanoTime() < deadline, "the fail-closed route did not recover within 30 s");
            Thread.sleep(50);
        }
    }

    @Test
    void aRedisOrSubjectLimitWithoutWhatItNeedsIsRejectedNamingTheRoute() {
        Gateway g = fx.gateway("routes: []\n", Gateway.builder());
        String route = "routes:\n  - id: x\n    path: /x\n    instances: []\n    rateLimit: ";
        IllegalArgumentException noJwt = assertThrows(IllegalArgumentException.class,
                () -> g.apply(RoutesFile.parse(route + "{perSecond: 1, key: subject}\n")));
        assertTrue(noJwt.getMessage().startsWith("route 1 (x): rateLimit.key subject needs the route's jwt"),
                noJwt.getMessage());
        IllegalArgumentException noRedis = assertThrows(IllegalArgumentException.class,
                () -> g.apply(RoutesFile.parse(route + "{perSecond: 1, store: redis}\n")));
        assertTrue(noRedis.getMessage().startsWith("route 1 (x): rateLimit.store redis needs a top-level redis"),
                noRedis.getMessage());
        IllegalArgumentException store = assertThrows(IllegalArgumentException.class,
                () -> g.apply(RoutesFile.parse(route + "{perSecond: 1, store: memcached}\n")));
        assertTrue(store.getMessage().startsWith("route 1 (x): rateLimit.store must be local or redis"),
                store.getMessage());
        for (String redis : List.of("{uri: http://127.0.0.1:1}", "{timeout: 1s}", "{uri: \"redis://127.0.0.1:6379\", timeout: soon}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.apply(RoutesFile.parse("redis: " + redis + "\n" + route + "{perSecond: 1, store: redis}\n")));
            assertTrue(e.getMessage().startsWith("redis."), e.getMessage());
        }
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> RoutesFile.parse("redis: {url: \"redis://127.0.0.1:6379\"}\nroutes: []\n"));
        assertTrue(typo.getMessage().contains("url"), typo.getMessage());
        assertEquals(List.of(), g.routeIds(), "nothing changed");
    }
}
