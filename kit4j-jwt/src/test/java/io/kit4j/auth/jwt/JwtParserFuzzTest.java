package io.kit4j.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link JwtVerifier} with Jazzer. Every input must give claims or a 401 {@link JwtException} —
 * never another exception — and a token is only accepted if its third segment is exactly the HMAC of
 * its first two under the key, in canonical unpadded base64url (checked here without Nimbus).
 *
 * <p>Input: a first byte '0' (even) then a raw token; or '1' (odd) then {@code header JSON \n payload JSON},
 * which the test encodes and signs with the verifier's own key, so fuzzed headers and claims get past the
 * signature into claim parsing and validation. Seeds are in
 * {@code src/test/resources/io/kit4j/auth/jwt/JwtParserFuzzTestInputs}.
 */
class JwtParserFuzzTest {
    static final AtomicLong RUNS = new AtomicLong();
    static final AtomicLong ACCEPTED = new AtomicLong();
    static final byte[] SECRET = "fuzz-secret-fuzz-secret-fuzz-secret!".getBytes(StandardCharsets.US_ASCII);
    static final JwtVerifier HS256 = JwtVerifier.builder(Algorithm.HS256, KeySource.of(JwtKey.hmac(SECRET)))
            .clock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))).build();

    @FuzzTest(maxDuration = "8s")
    void verifierAnswersClaimsOrA401(byte[] input) {
        RUNS.incrementAndGet();
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        boolean signedByUs = (input[0] & 1) == 1;
        String token;
        if (signedByUs) {
            String text = new String(rest, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String header = nl < 0 ? text : text.substring(0, nl);
            String payload = nl < 0 ? "" : text.substring(nl + 1);
            token = Hand.hs256(header, payload, SECRET);
        } else {
            token = new String(rest, StandardCharsets.ISO_8859_1);
        }
        try {
            Claims c = HS256.verify(token);
            ACCEPTED.incrementAndGet();
            int last = token.lastIndexOf('.');
            String signingInput = token.substring(0, last);
            assertEquals(Hand.b64(Hand.hmac("HmacSHA256", SECRET, signingInput)), token.substring(last + 1),
                    "accepted a token whose signature is not the HMAC of its first two segments: " + token);
            assertTrue(c.expiresAt() != null, "accepted a token without exp");
        } catch (JwtException e) {
            assertEquals(401, ErrorInfo.of(e).status());
            assertTrue(e.headers().get("WWW-Authenticate").get(0).chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f),
                    "challenge must be a clean header value");
        }
    }

    @AfterAll
    static void report() {
        System.out.println("JwtParserFuzzTest: " + RUNS.get() + " inputs ran, " + ACCEPTED.get() + " accepted");
    }
}
