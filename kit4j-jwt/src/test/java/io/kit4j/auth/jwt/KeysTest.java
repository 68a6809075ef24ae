package io.kit4j.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import io.kit4j.time.ManualClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys from PEM, from JWK (private and public), published as a JWK Set, and chosen by kid. */
class KeysTest {
    final ManualClock clock = new ManualClock();

    void roundTrip(Algorithm alg, JwtKey signing, JwtKey verifying) {
        String token = JwtSigner.builder(alg, signing).build()
                .sign(Claims.builder().subject("pem").expiresAt(clock.now().plusSeconds(60)).build());
        assertEquals("pem", JwtVerifier.builder(alg, KeySource.of(verifying)).clock(clock).build().verify(token).subject());
    }

    @Test
    void pemKeysOfEveryFamily() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair[] pairs = {rsa.generateKeyPair(), ec.generateKeyPair(), KeyPairGenerator.getInstance("Ed25519").generateKeyPair()};
        Algorithm[] algs = {Algorithm.PS256, Algorithm.ES384, Algorithm.EdDSA};
        for (int i = 0; i < pairs.length; i++) {
            String priv = Hand.pem("PRIVATE KEY", pairs[i].getPrivate().getEncoded());
            String pub = Hand.pem("PUBLIC KEY", pairs[i].getPublic().getEncoded());
            JwtKey signing = JwtKey.fromPem(priv);
            JwtKey verifying = JwtKey.fromPem(pub);
            assertTrue(signing.canSign());
            assertFalse(verifying.canSign());
            roundTrip(algs[i], signing, verifying);
            roundTrip(algs[i], JwtKey.fromPem(priv + pub), verifying);
        }
        assertTrue(JwtKey.fromPem(Hand.pem("PRIVATE KEY", pairs[0].getPrivate().getEncoded())).canVerify(),
                "an RSA private key yields its public half");
        assertTrue(JwtKey.fromPem(Hand.pem("PRIVATE KEY", pairs[2].getPrivate().getEncoded())).canVerify(),
                "an Ed25519 private key yields its public half");
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> JwtKey.fromPem(Hand.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})));
        assertTrue(pkcs1.getMessage().contains("openssl pkcs8"), pkcs1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JwtKey.fromPem("no pem here"));
        assertThrows(IllegalArgumentException.class, () -> JwtKey.fromPem(Hand.pem("PUBLIC KEY", new byte[] {1, 2, 3})));
    }

    @Test
    void jwkKeysOfEveryFamily() throws Exception {
        RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("r").generate();
        ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(Curve.P_256).keyID("e").generate();
        OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("d").generate();
        roundTrip(Algorithm.RS384, JwtKey.fromJwk(rsa.toJSONString()), JwtKey.fromJwk(rsa.toPublicJWK().toJSONString()));
        roundTrip(Algorithm.ES256, JwtKey.fromJwk(ec.toJSONString()), JwtKey.fromJwk(ec.toPublicJWK().toJSONString()));
        roundTrip(Algorithm.EdDSA, JwtKey.fromJwk(ed.toJSONString()), JwtKey.fromJwk(ed.toPublicJWK().toJSONString()));
        JwtKey oct = JwtKey.fromJwk("{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"" + Hand.b64(new byte[64]) + "\"}");
        assertEquals("s", oct.keyId());
        roundTrip(Algorithm.HS512, oct, oct);
        assertThrows(IllegalArgumentException.class, () -> JwtKey.fromJwk("{\"kty\":\"oct\"}"));
        assertThrows(IllegalArgumentException.class, () -> JwtKey.fromJwk("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + Hand.b64(new byte[32]) + "\"}"));
        assertThrows(IllegalArgumentException.class, () -> JwtKey.fromJwk("not json"));
    }

    @Test
    void jwkAlgAndUseRestrictWhereAKeyServes() throws Exception {
        RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
        JwtKey rs256Only = JwtKey.fromJwk(new RSAKey.Builder(rsa.toRSAPublicKey()).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build().toJSONString());
        assertTrue(rs256Only.supports(Algorithm.RS256));
        assertFalse(rs256Only.supports(Algorithm.PS256));
        JwtKey encryption = JwtKey.fromJwk(new RSAKey.Builder(rsa.toRSAPublicKey()).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build().toJSONString());
        assertFalse(encryption.supports(Algorithm.RS256), "an encryption key never verifies signatures");
    }

    @Test
    void jwksPublishesPublicHalvesOnlyAndKidsSelect() throws Exception {
        JwtKey a = JwtKey.generate(Algorithm.ES256).withKeyId("a");
        JwtKey b = JwtKey.generate(Algorithm.RS256).withKeyId("b");
        String jwks = JwtKey.jwks(a, b);
        assertFalse(jwks.contains("\"d\""), "no private parts: " + jwks);
        com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.parse(jwks);
        assertEquals(List.of("a", "b"), set.getKeys().stream().map(k -> k.getKeyID()).toList());
        KeySource source = KeySource.of(set.getKeys().stream().map(k -> JwtKey.fromNimbus(k)).toList());
        assertEquals(1, source.keysFor("a", Algorithm.ES256).size());
        assertTrue(source.keysFor("a", Algorithm.RS256).isEmpty());
        assertTrue(source.keysFor("c", Algorithm.ES256).isEmpty());
        assertEquals(1, source.keysFor(null, Algorithm.RS256).size());
        assertThrows(IllegalStateException.class, () -> JwtKey.jwks(JwtKey.generate(Algorithm.HS256)));
        assertThrows(IllegalArgumentException.class, () -> KeySource.of(JwtKey.fromPem(Hand.pem("PRIVATE KEY",
                KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded()))),
                "an EC private key alone cannot verify");
    }
}
