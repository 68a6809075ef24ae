package io.kit4j.auth.jwt;

import static io.kit4j.auth.jwt.AlgorithmsTest.assertKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.auth.jwt.JwtException.Kind;
import io.kit4j.errors.KitError;
import io.kit4j.time.ManualClock;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.Router;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real HTTP server on 127.0.0.1 serves a JWK Set that the test rotates; the key source caches it,
 * refetches for unknown key ids at most once per interval, and survives the server going away.
 */
class JwksKeySourceTest {
    final ManualClock clock = new ManualClock();
    final AtomicReference<String> document = new AtomicReference<>();
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger status = new AtomicInteger(200);
    final JwtKey k1 = JwtKey.generate(Algorithm.ES256).withKeyId("k1");
    final JwtKey k2 = JwtKey.generate(Algorithm.ES256).withKeyId("k2");
    HttpServer idp;
    JwksKeySource source;
    JwtVerifier verifier;

    @BeforeEach
    void start() {
        idp = HttpServer.builder().handler(new Router().get("/.well-known/jwks.json", (ctx, req, resp) -> {
            served.incrementAndGet();
            resp.status(status.get()).contentType("application/json")
                    .write(document.get().getBytes(StandardCharsets.UTF_8));
        })).build().start();
        document.set(JwtKey.jwks(k1));
        source = JwksKeySource.builder(URI.create(idp.uri() + "/.well-known/jwks.json")).clock(clock)
                .cacheTtl(Duration.ofMinutes(5)).minRefetchInterval(Duration.ofSeconds(30)).build();
        verifier = JwtVerifier.builder(Algorithm.ES256, source).clock(clock).build();
    }

    @AfterEach
    void stop() {
        if (idp != null) {
            idp.stop();
        }
    }

    String token(JwtKey key) {
        return JwtSigner.builder(Algorithm.ES256, key).build()
                .sign(Claims.builder().subject(key.keyId()).expiresAt(clock.now().plus(Duration.ofHours(1))).build());
    }

    @Test
    void cachesThenRotatesOnUnknownKidWithinTheRateLimit() {
        assertEquals("k1", verifier.verify(token(k1)).subject());
        assertEquals("k1", verifier.verify(token(k1)).subject());
        assertEquals(1, served.get(), "the second token is verified from the cache");

        // The identity provider rotates: k2 is published beside k1 and starts signing.
        document.set(JwtKey.jwks(k1, k2));
        clock.advance(Duration.ofSeconds(31));
        assertEquals("k2", verifier.verify(token(k2)).subject());
        assertEquals(2, served.get(), "an unknown kid refetches at once");
        assertEquals("k1", verifier.verify(token(k1)).subject(), "tokens signed before the rotation still verify");
        document.set(JwtKey.jwks(k2)); // then retires k1

        // A flood of made-up key ids costs one fetch per interval, not one per token.
        JwtKey forged = JwtKey.generate(Algorithm.ES256).withKeyId("forged");
        for (int i = 0; i < 50; i++) {
            assertKind(Kind.UNKNOWN_KEY, () -> verifier.verify(token(forged)));
        }
        assertEquals(2, served.get(), "the refetch for k2 was less than 30 s ago");
        clock.advance(Duration.ofSeconds(30));
        assertKind(Kind.UNKNOWN_KEY, () -> verifier.verify(token(forged)));
        assertEquals(3, served.get(), "one more fetch after the interval");

        // The TTL passes: k1, retired by the issuer, is no longer trusted.
        clock.advance(Duration.ofMinutes(5));
        assertKind(Kind.UNKNOWN_KEY, () -> verifier.verify(token(k1)));
        assertEquals("k2", verifier.verify(token(k2)).subject());
        assertEquals(4, served.get());
        assertEquals(4, source.fetchCount());
    }

    @Test
    void keepsTheLastGoodSetWhileTheProviderIsDown() {
        verifier.verify(token(k1));
        status.set(500);
        clock.advance(Duration.ofMinutes(6));
        assertEquals("k1", verifier.verify(token(k1)).subject(), "stale keys beat no keys");
        idp.stop();
        idp = null;
        clock.advance(Duration.ofMinutes(6));
        assertEquals("k1", verifier.verify(token(k1)).subject());
    }

    @Test
    void noKeysAtAllIsA503NotA401() {
        status.set(503);
        KitError e = assertThrows(KitError.class, () -> verifier.verify(token(k1)));
        assertEquals(503, e.status());
        assertEquals("token signing keys are unavailable", e.getMessage());
        status.set(200);
        KitError limited = assertThrows(KitError.class, () -> verifier.verify(token(k1)));
        assertEquals(503, limited.status(), "still within the refetch interval: no new fetch");
        assertEquals(1, served.get());
        clock.advance(Duration.ofSeconds(30));
        assertEquals("k1", verifier.verify(token(k1)).subject());
    }

    @Test
    void oversizedOrGarbageDocumentsAreNotTrusted() {
        document.set("{\"keys\":[" + "{\"kty\":\"oct\",\"k\":\"AAAA\"},".repeat(20_000) + "]}");
        assertEquals(503, assertThrows(KitError.class, () -> verifier.verify(token(k1))).status());
        clock.advance(Duration.ofSeconds(30));
        document.set("<html>not json</html>");
        assertEquals(503, assertThrows(KitError.class, () -> verifier.verify(token(k1))).status());
        clock.advance(Duration.ofSeconds(30));
        document.set("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"AQAB\",\"e\":\"AQAB\"}," + k1.toPublicJwk() + "]}");
        assertEquals("k1", verifier.verify(token(k1)).subject(), "a set with one unusable key keeps the usable ones");
    }

    @Test
    void concurrentUnknownKidsShareOneFetch() throws Exception {
        verifier.verify(token(k1));
        document.set(JwtKey.jwks(k1, k2));
        clock.advance(Duration.ofSeconds(30));
        String t2 = token(k2);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> verifier.verify(t2).subject());
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> f : pool.invokeAll(calls)) {
                assertEquals("k2", f.get());
            }
        }
        assertEquals(2, served.get());
    }
}
