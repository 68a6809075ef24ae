package io.kit4j.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every algorithm signs and verifies, refuses foreign keys and tampering, and writes standard tokens. */
class AlgorithmsTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    Claims claims() {
        return Claims.builder().issuer("kit4j").subject("alice").audience("usersvc")
                .expiresAt(clock.now().plus(Duration.ofMinutes(5))).claim("roles", List.of("admin")).build();
    }

    JwtVerifier verifier(Algorithm alg, JwtKey key) {
        return JwtVerifier.builder(alg, KeySource.of(key)).clock(clock).issuer("kit4j").audience("usersvc").build();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void signsAndVerifies(Algorithm alg) {
        JwtKey key = JwtKey.generate(alg).withKeyId("k-" + alg);
        String token = JwtSigner.builder(alg, key).build().sign(claims());
        Claims c = verifier(alg, key).verify(token);
        assertEquals("alice", c.subject());
        assertEquals(List.of("usersvc"), c.audience());
        assertEquals(List.of("admin"), c.strings("roles"));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertFalse(token.contains("=") || token.contains("+") || token.contains("/"), "unpadded base64url: " + token);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"" + alg.jwaName() + "\""), header);
        assertTrue(header.contains("\"typ\":\"JWT\"") && header.contains("\"kid\":\"k-" + alg + "\""), header);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"exp\":" + clock.now().plus(Duration.ofMinutes(5)).getEpochSecond()), payload);

        JwtKey other = JwtKey.generate(alg).withKeyId("k-" + alg);
        assertKind(JwtException.Kind.BAD_SIGNATURE, () -> verifier(alg, other).verify(token));

        String forged = parts[0] + "." + Hand.b64(payload.replace("alice", "mallory")) + "." + parts[2];
        assertKind(JwtException.Kind.BAD_SIGNATURE, () -> verifier(alg, key).verify(forged));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void publicHalfFromJwkVerifies(Algorithm alg) {
        if (alg.family() == Algorithm.Family.HMAC) {
            return; // a secret has no public half; HMAC JWKs are covered in KeysTest
        }
        JwtKey key = JwtKey.generate(alg).withKeyId("pub");
        String token = JwtSigner.builder(alg, key).build().sign(claims());
        JwtKey published = JwtKey.fromJwk(key.toPublicJwk());
        assertFalse(published.canSign());
        assertEquals("alice", verifier(alg, published).verify(token).subject());
    }

    @Test
    void hmacSecretsShorterThanTheHashAreRefused() {
        JwtKey short32 = JwtKey.hmac(new byte[32]);
        JwtSigner.builder(Algorithm.HS256, short32).build();
        assertThrows(IllegalArgumentException.class, () -> JwtSigner.builder(Algorithm.HS384, short32));
        assertThrows(IllegalArgumentException.class, () -> JwtSigner.builder(Algorithm.HS256, JwtKey.hmac(new byte[31])));
        assertTrue(KeySource.of(short32).keysFor(null, Algorithm.HS512).isEmpty(), "too short a secret is not offered");
    }

    @Test
    void keysNeverCrossFamiliesOrCurves() {
        JwtKey ec256 = JwtKey.generate(Algorithm.ES256);
        assertTrue(ec256.supports(Algorithm.ES256));
        assertFalse(ec256.supports(Algorithm.ES384));
        assertFalse(ec256.supports(Algorithm.RS256));
        assertThrows(IllegalArgumentException.class, () -> JwtSigner.builder(Algorithm.ES384, ec256));
        JwtKey rsa = JwtKey.generate(Algorithm.RS256);
        assertTrue(rsa.supports(Algorithm.PS512));
        assertFalse(rsa.supports(Algorithm.HS256));
        assertThrows(IllegalArgumentException.class,
                () -> JwtSigner.builder(Algorithm.RS256, JwtKey.fromJwk(rsa.toPublicJwk())), "a public key cannot sign");
    }

    /** RFC 7515 Appendix A.1: the specification's own HS256 example verifies (its exp is 2011-03-22T18:43:00Z). */
    @Test
    void rfc7515ExampleVerifies() {
        JwtKey key = JwtKey.fromJwk("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}");
        String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        ManualClock then = new ManualClock(Instant.parse("2011-03-22T18:00:00Z"));
        JwtVerifier v = JwtVerifier.builder(Algorithm.HS256, KeySource.of(key)).clock(then).issuer("joe").build();
        Claims c = v.verify(token);
        assertEquals(Instant.ofEpochSecond(1300819380), c.expiresAt());
        assertEquals(Boolean.TRUE, c.get("http://example.com/is_root"));
        then.set(Instant.parse("2011-03-22T18:43:00Z"));
        assertKind(JwtException.Kind.EXPIRED, () -> v.verify(token));
    }

    @Test
    void claimsRoundTripTheirJsonTypes() {
        JwtKey key = JwtKey.generate(Algorithm.HS256);
        Claims in = Claims.builder().subject("s").audience("a", "b").expiresAt(clock.now().plusSeconds(60))
                .id("j1").claim("n", 42L).claim("ok", true).claim("scope", "users:read users:write")
                .claim("obj", Map.of("k", "v")).build();
        Claims out = JwtVerifier.builder(Algorithm.HS256, KeySource.of(key)).clock(clock).build()
                .verify(JwtSigner.builder(Algorithm.HS256, key).build().sign(in));
        assertEquals(List.of("a", "b"), out.audience());
        assertEquals("j1", out.id());
        assertEquals(42L, ((Number) out.get("n")).longValue());
        assertEquals(true, out.get("ok"));
        assertEquals(List.of("users:read", "users:write"), out.scopes());
        assertEquals(Map.of("k", "v"), out.get("obj"));
        assertEquals(in, out);
    }

    static void assertKind(JwtException.Kind kind, org.junit.jupiter.api.function.Executable call) {
        JwtException e = assertThrows(JwtException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(401, e.status());
    }
}
