package io.kit4j.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.kit4j.time.ManualClock;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tokens cross between kit4j (Nimbus) and jjwt, an independent implementation, in both directions, for
 * one algorithm of each kind and every size: same wire format, same claim names and types.
 */
class InteropTest {
    final Instant now = Instant.now();
    final ManualClock clock = new ManualClock(now);

    record Keys(Key sign, Key verify, JwtKey kit) {
    }

    static Keys keys(Algorithm alg) throws Exception {
        KeyPair pair;
        switch (alg.family()) {
            case HMAC -> {
                byte[] secret = new byte[64];
                new java.security.SecureRandom().nextBytes(secret);
                SecretKeySpec k = new SecretKeySpec(secret, "HmacSHA" + alg.jwaName().substring(2));
                return new Keys(k, k, JwtKey.hmac(secret));
            }
            case RSA -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                pair = g.generateKeyPair();
            }
            case EC -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(JwtKey.curve(alg).getStdName()));
                pair = g.generateKeyPair();
            }
            default -> pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        return new Keys(pair.getPrivate(), pair.getPublic(), JwtKey.of(pair));
    }

    @SuppressWarnings("unchecked")
    static SecureDigestAlgorithm<Key, Key> jjwtAlg(Algorithm alg) {
        return (SecureDigestAlgorithm<Key, Key>) Jwts.SIG.get().forKey(alg.jwaName());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void jjwtTokensVerifyInKit4j(Algorithm alg) throws Exception {
        Keys k = keys(alg);
        var b = Jwts.builder().header().keyId("x").and().issuer("jjwt").subject("bob").audience().add("usersvc").and()
                .expiration(Date.from(now.plus(Duration.ofMinutes(5)))).issuedAt(Date.from(now.minusSeconds(1)))
                .claim("roles", List.of("admin", "ops"));
        String token = (k.sign() instanceof PrivateKey p) ? b.signWith(p, jjwtAlg(alg)).compact()
                : b.signWith((javax.crypto.SecretKey) k.sign(), jjwtAlg(alg)).compact();
        Claims c = JwtVerifier.builder(alg, KeySource.of(k.kit())).clock(clock).issuer("jjwt").audience("usersvc").build()
                .verify(token);
        assertEquals("bob", c.subject());
        assertEquals(List.of("admin", "ops"), c.strings("roles"));
        assertEquals(now.plus(Duration.ofMinutes(5)).getEpochSecond(), c.expiresAt().getEpochSecond());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void kit4jTokensVerifyInJjwt(Algorithm alg) throws Exception {
        Keys k = keys(alg);
        String token = JwtSigner.builder(alg, k.kit()).keyId("kit").clock(clock).ttl(Duration.ofMinutes(5)).build()
                .sign(Claims.builder().issuer("kit4j").subject("carol").audience("a").claim("roles", List.of("viewer"))
                        .claim("n", 7).build());
        var parser = k.verify() instanceof PublicKey p ? Jwts.parser().verifyWith(p)
                : Jwts.parser().verifyWith((javax.crypto.SecretKey) k.verify());
        Jws<io.jsonwebtoken.Claims> jws = parser.build().parseSignedClaims(token);
        io.jsonwebtoken.Claims c = jws.getPayload();
        assertEquals(alg.jwaName(), jws.getHeader().getAlgorithm());
        assertEquals("kit", jws.getHeader().getKeyId());
        assertEquals("JWT", jws.getHeader().getType());
        assertEquals("carol", c.getSubject());
        assertEquals(Set.of("a"), c.getAudience());
        assertEquals(List.of("viewer"), c.get("roles", List.class));
        assertEquals(7, c.get("n", Integer.class));
        assertEquals(now.plus(Duration.ofMinutes(5)).getEpochSecond(), c.getExpiration().toInstant().getEpochSecond());
        assertEquals(now.getEpochSecond(), c.getIssuedAt().toInstant().getEpochSecond());
        // and jjwt refuses it under another key, as kit4j would
        Keys other = keys(alg);
        var wrong = other.verify() instanceof PublicKey p ? Jwts.parser().verifyWith(p)
                : Jwts.parser().verifyWith((javax.crypto.SecretKey) other.verify());
        assertThrows(io.jsonwebtoken.security.SignatureException.class, () -> wrong.build().parseSignedClaims(token));
    }
}
