package io.kit4j.auth.jwt;

import static io.kit4j.auth.jwt.AlgorithmsTest.assertKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kit4j.auth.jwt.JwtException.Kind;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** exp, nbf and iat on a manual clock with and without leeway; iss, aud and required exp. */
class ClaimsValidationTest {
    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    final ManualClock clock = new ManualClock(t0);
    final JwtKey key = JwtKey.generate(Algorithm.HS256);
    final JwtSigner signer = JwtSigner.builder(Algorithm.HS256, key).build();

    JwtVerifier.Builder verifier() {
        return JwtVerifier.builder(Algorithm.HS256, KeySource.of(key)).clock(clock);
    }

    @Test
    void expiresExactlyAtExpWithoutLeeway() {
        String token = signer.sign(Claims.builder().expiresAt(t0.plusSeconds(60)).build());
        JwtVerifier v = verifier().build();
        clock.set(t0.plusSeconds(59));
        v.verify(token);
        clock.set(t0.plusSeconds(60));
        assertKind(Kind.EXPIRED, () -> v.verify(token));
    }

    @Test
    void leewayToleratesSkewOnEveryTimeClaim() {
        JwtVerifier strict = verifier().build();
        JwtVerifier lenient = verifier().leeway(Duration.ofSeconds(30)).build();
        String expired = signer.sign(Claims.builder().expiresAt(t0.minusSeconds(29)).build());
        assertKind(Kind.EXPIRED, () -> strict.verify(expired));
        lenient.verify(expired);
        assertKind(Kind.EXPIRED, () -> lenient.verify(signer.sign(Claims.builder().expiresAt(t0.minusSeconds(30)).build())));

        String early = signer.sign(Claims.builder().expiresAt(t0.plusSeconds(600)).notBefore(t0.plusSeconds(30)).build());
        assertKind(Kind.NOT_YET_VALID, () -> strict.verify(early));
        lenient.verify(early);
        assertKind(Kind.NOT_YET_VALID, () -> lenient.verify(
                signer.sign(Claims.builder().expiresAt(t0.plusSeconds(600)).notBefore(t0.plusSeconds(31)).build())));

        String future = signer.sign(Claims.builder().expiresAt(t0.plusSeconds(600)).issuedAt(t0.plusSeconds(30)).build());
        JwtException e = org.junit.jupiter.api.Assertions.assertThrows(JwtException.class, () -> strict.verify(future));
        assertEquals(Kind.NOT_YET_VALID, e.kind());
        assertEquals("token is not valid yet: issued in the future", e.getMessage());
        lenient.verify(future);
        clock.advance(Duration.ofSeconds(30));
        strict.verify(future);
        strict.verify(early);
    }

    @Test
    void expIsRequiredUnlessTurnedOff() {
        String noExp = signer.sign(Claims.builder().subject("s").build());
        assertKind(Kind.INVALID_CLAIMS, () -> verifier().build().verify(noExp));
        assertEquals("s", verifier().requireExpiration(false).build().verify(noExp).subject());
    }

    @Test
    void issuerAndAudienceAreChecked() {
        JwtVerifier v = verifier().issuer("https://idp.example").audience("usersvc").build();
        Claims.Builder base = Claims.builder().expiresAt(t0.plusSeconds(60));
        v.verify(signer.sign(base.issuer("https://idp.example").audience("usersvc").build()));
        v.verify(signer.sign(base.issuer("https://idp.example").audience("other", "usersvc").build()));
        assertKind(Kind.INVALID_CLAIMS, () -> v.verify(signer.sign(base.issuer("https://evil.example").audience("usersvc").build())));
        assertKind(Kind.INVALID_CLAIMS, () -> v.verify(signer.sign(base.issuer("https://idp.example").audience("other").build())));
        assertKind(Kind.INVALID_CLAIMS, () -> v.verify(signer.sign(base.issuer(null).audience("usersvc").build())));
        assertKind(Kind.INVALID_CLAIMS, () -> v.verify(signer.sign(base.issuer("https://idp.example").audience().build())));
    }

    @Test
    void signerTtlStampsEveryTokenFromItsClock() {
        JwtSigner stamping = JwtSigner.builder(Algorithm.HS256, key).clock(clock).ttl(Duration.ofMinutes(15)).build();
        Claims first = verifier().build().verify(stamping.sign(Claims.builder().subject("a").build()));
        assertEquals(t0, first.issuedAt());
        assertEquals(t0.plus(Duration.ofMinutes(15)), first.expiresAt());
        clock.advance(Duration.ofMinutes(10));
        Claims second = verifier().build().verify(stamping.sign(Claims.builder().subject("a").build()));
        assertEquals(t0.plus(Duration.ofMinutes(25)), second.expiresAt(), "each token gets a fresh exp");
        Claims explicit = verifier().build().verify(stamping.sign(Claims.builder().expiresAt(t0.plus(Duration.ofHours(1))).build()));
        assertEquals(t0.plus(Duration.ofHours(1)), explicit.expiresAt(), "claims that set exp keep it");
    }
}
