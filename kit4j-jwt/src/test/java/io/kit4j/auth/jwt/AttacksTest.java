package io.kit4j.auth.jwt;

import static io.kit4j.auth.jwt.AlgorithmsTest.assertKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.auth.jwt.JwtException.Kind;
import io.kit4j.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Tokens crafted by hand to attack the verifier; each must be refused with the right kind. */
class AttacksTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final long exp = clock.now().getEpochSecond() + 300;
    final String payload = "{\"sub\":\"mallory\",\"roles\":[\"admin\"],\"exp\":" + exp + "}";
    final JwtKey rsa = JwtKey.generate(Algorithm.RS256).withKeyId("rsa-1");
    final JwtVerifier rs256 = JwtVerifier.builder(Algorithm.RS256, KeySource.of(JwtKey.fromJwk(rsa.toPublicJwk())))
            .clock(clock).build();
    final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    final JwtVerifier hs256 = JwtVerifier.builder(Algorithm.HS256, KeySource.of(JwtKey.hmac(secret))).clock(clock).build();

    @Test
    void algNoneIsRefusedInEverySpelling() {
        for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
            String header = "{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}";
            assertKind(Kind.UNEXPECTED_SIGNING_METHOD, () -> rs256.verify(Hand.unsigned(header, payload)));
            assertKind(Kind.UNEXPECTED_SIGNING_METHOD, () -> hs256.verify(Hand.unsigned(header, payload)));
            assertKind(Kind.UNEXPECTED_SIGNING_METHOD, () -> hs256.verify(Hand.hs256(header, payload, secret)));
        }
    }

    @Test
    void rsaToHmacKeyConfusionIsRefused() throws Exception {
        // The attacker knows the RSA public key and signs HS256 with its bytes in every form a naive
        // verifier might use as an HMAC secret: PEM text, DER, and the JWK JSON.
        byte[] der = rsa.publicKey().getEncoded();
        byte[][] forms = {
            Hand.pem("PUBLIC KEY", der).getBytes(StandardCharsets.US_ASCII), der,
            rsa.toPublicJwk().getBytes(StandardCharsets.UTF_8)};
        for (byte[] asSecret : forms) {
            String withKid = Hand.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}", payload, asSecret);
            JwtException e = org.junit.jupiter.api.Assertions.assertThrows(JwtException.class, () -> rs256.verify(withKid));
            assertEquals(Kind.UNEXPECTED_SIGNING_METHOD, e.kind());
            assertEquals("unexpected signing method: expected RS256", e.getMessage());
        }
        // And a verifier pinned to HS256 never uses an RSA key as a secret: it has no key to try.
        JwtVerifier confused = JwtVerifier.builder(Algorithm.HS256, KeySource.of(rsa)).clock(clock).build();
        assertKind(Kind.UNKNOWN_KEY, () -> confused.verify(Hand.hs256("{\"alg\":\"HS256\"}", payload, der)));
    }

    @Test
    void embeddedKeysAndKeyUrlsInTheHeaderAreIgnored() {
        // CVE-2018-0114 style: the attacker puts his own public key (jwk) or a key URL (jku, x5u) in the header.
        JwtKey attacker = JwtKey.generate(Algorithm.RS256);
        String header = "{\"alg\":\"RS256\",\"jwk\":" + attacker.toPublicJwk() + ",\"jku\":\"http://127.0.0.1:1/jwks\","
                + "\"x5u\":\"http://127.0.0.1:1/cert\"}";
        String body = Hand.b64(header) + "." + Hand.b64(payload);
        String token = body + "." + Hand.b64(sign("SHA256withRSA", attacker, body));
        assertKind(Kind.BAD_SIGNATURE, () -> rs256.verify(token));
    }

    @Test
    void unknownCriticalHeadersAreRefused() {
        String token = Hand.hs256("{\"alg\":\"HS256\",\"crit\":[\"exp-in-header\"],\"exp-in-header\":1}", payload, secret);
        assertKind(Kind.BAD_SIGNATURE, () -> hs256.verify(token));
    }

    @Test
    void malformedStructuresAreMalformed() {
        String good = Hand.hs256("{\"alg\":\"HS256\"}", payload, secret);
        assertEquals("mallory", hs256.verify(good).subject());
        String[] p = good.split("\\.");
        String[] bad = {
            "abc", "a.b", p[0] + "." + p[1], good + ".", good + ".x", p[0] + ".." + p[2], "." + p[1] + "." + p[2],
            p[0] + "=." + p[1] + "." + p[2], p[0] + "." + p[1] + "=." + p[2], good + "=",
            p[0] + "." + p[1].replace('-', '+') + "x+/." + p[2], " " + good, good + " ", "Bearer " + good,
            p[0] + "." + p[1] + "." + p[2] + "\n", Hand.b64("[1,2]") + "." + p[1] + "." + p[2],
            Hand.b64("not json") + "." + p[1] + "." + p[2], Hand.b64("{\"alg\":42}") + "." + p[1] + "." + p[2],
            Hand.b64("{}") + "." + p[1] + "." + p[2], "x".repeat(9000), "a.b.c.d.e",
            Hand.b64(new byte[] {'{', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', '}'}) + "." + p[1] + "." + p[2],
            "\u00e9" + good, Hand.b64("{\"alg\":\"HS256\"" + "}".repeat(1)) + "." + Hand.b64("[".repeat(3000)) + ".x"};
        for (String t : bad) {
            JwtException e = org.junit.jupiter.api.Assertions.assertThrows(JwtException.class, () -> hs256.verify(t), t);
            assertTrue(e.kind() == Kind.MALFORMED || e.kind() == Kind.BAD_SIGNATURE, t + " -> " + e.kind());
        }
        assertKind(Kind.MISSING, () -> hs256.verify(""));
        assertKind(Kind.MISSING, () -> hs256.verify(null));
    }

    @Test
    void signedButIllTypedClaimsAreMalformed() {
        String[] payloads = {
            "{\"exp\":\"tomorrow\"}", "{\"exp\":" + exp + ",\"nbf\":true}", "{\"exp\":" + exp + ",\"aud\":42}",
            "{\"exp\":" + exp + ",\"aud\":[\"a\",1]}", "{\"exp\":" + exp + ",\"iss\":[\"x\"]}", "[]", "\"str\"", "42",
            "{\"exp\":" + exp + ",\"sub\":{}}"};
        for (String pl : payloads) {
            assertKind(Kind.MALFORMED, () -> hs256.verify(Hand.hs256("{\"alg\":\"HS256\"}", pl, secret)));
        }
    }

    @Test
    void extremeNumericDatesNeverPass() {
        for (String e : new String[] {"1e300", "-1", "9223372036854775807", "9223372036854775808", "0", "1.5"}) {
            String t = Hand.hs256("{\"alg\":\"HS256\"}", "{\"exp\":" + e + "}", secret);
            try {
                Claims c = hs256.verify(t);
                assertTrue(c.expiresAt().isAfter(clock.now()), e + " accepted with exp " + c.expiresAt());
            } catch (JwtException ex) {
                assertTrue(ex.kind() == Kind.MALFORMED || ex.kind() == Kind.EXPIRED, e + " -> " + ex.kind());
            }
        }
    }

    @Test
    void signatureTransplantAndTruncationAreBadSignatures() {
        String a = Hand.hs256("{\"alg\":\"HS256\"}", payload, secret);
        String b = Hand.hs256("{\"alg\":\"HS256\"}", payload.replace("mallory", "root"), secret);
        String transplanted = b.substring(0, b.lastIndexOf('.')) + a.substring(a.lastIndexOf('.'));
        assertKind(Kind.BAD_SIGNATURE, () -> hs256.verify(transplanted));
        assertKind(Kind.BAD_SIGNATURE, () -> hs256.verify(a.substring(0, a.length() - 4)));
        String empty = a.substring(0, a.lastIndexOf('.') + 1);
        assertKind(Kind.BAD_SIGNATURE, () -> hs256.verify(empty));
    }

    @Test
    void unknownKidsAndTraversalKidsFindNoKey() {
        JwtVerifier v = JwtVerifier.builder(Algorithm.HS256, KeySource.of(JwtKey.hmac(secret).withKeyId("k1")))
                .clock(clock).build();
        for (String kid : new String[] {"k2", "../../etc/passwd", "k1' OR '1'='1", "\u0000"}) {
            String t = Hand.hs256("{\"alg\":\"HS256\",\"kid\":\"" + kid.replace("\u0000", "\\u0000") + "\"}", payload,
                    secret);
            assertKind(Kind.UNKNOWN_KEY, () -> v.verify(t));
        }
    }

    @Test
    void challengeHeaderNeverCarriesTokenText() {
        JwtException e = org.junit.jupiter.api.Assertions.assertThrows(JwtException.class,
                () -> hs256.verify(Hand.unsigned("{\"alg\":\"evil\\\"\\r\\nSet-Cookie: x=1\"}", payload)));
        String challenge = e.headers().get("WWW-Authenticate").get(0);
        assertEquals("Bearer error=\"invalid_token\", error_description=\"unexpected signing method: expected HS256\"",
                challenge);
        assertEquals("Bearer", JwtException.of(Kind.MISSING).headers().get("WWW-Authenticate").get(0));
    }

    private static byte[] sign(String jca, JwtKey key, String input) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(jca);
            s.initSign(key.privateKey());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String decode(String b64) {
        return new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
