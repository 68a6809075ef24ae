package io.kit4j.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-built tokens, so attacks are crafted byte by byte without any JWT library in the way. */
final class Hand {
    private Hand() {
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** {@code b64(header).b64(payload).} plus an HMAC-SHA256 signature under {@code secret}. */
    static String hs256(String header, String payload, byte[] secret) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + b64(hmac("HmacSHA256", secret, input));
    }

    /** An unsigned token: {@code b64(header).b64(payload).} */
    static String unsigned(String header, String payload) {
        return b64(header) + "." + b64(payload) + ".";
    }

    static byte[] hmac(String alg, byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(secret, alg));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of DER bytes. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
