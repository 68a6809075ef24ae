package io.kit4j.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.kit4j.auth.jwt.JwtException.Kind;
import io.kit4j.time.Clock;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks tokens: the server side of JWT. One verifier is pinned to one {@link Algorithm}; it accepts a
 * token only if, in this order:
 *
 * <ol>
 *   <li>it is three segments of unpadded base64url ({@code header.payload.signature}) of at most
 *       {@link Builder#maxTokenLength} characters, and the header is a JSON object;</li>
 *   <li>its {@code alg} header is exactly the pinned algorithm — {@code none}, and an HMAC algorithm on a
 *       verifier pinned to RSA (the key-confusion attack), are refused here, before any key is used;</li>
 *   <li>a key from the {@link KeySource} for its {@code kid} verifies the signature;</li>
 *   <li>the payload is a JSON object whose registered claims have their standard types;</li>
 *   <li>{@code exp} is in the future and {@code nbf} and {@code iat} are not, each with the leeway
 *       (default 0: go-kit has none); {@code exp} is required unless {@link Builder#requireExpiration}
 *       says otherwise;</li>
 *   <li>{@code iss} equals the expected issuer and {@code aud} contains the expected audience, when set.</li>
 * </ol>
 *
 * Each refusal is a {@link JwtException} of the matching kind (a 401). Thread-safe.
 */
public final class JwtVerifier {
    private static final int MAX_CANDIDATE_KEYS = 8;

    private final Algorithm algorithm;
    private final KeySource keys;
    private final Clock clock;
    private final Duration leeway;
    private final String issuer;
    private final String audience;
    private final boolean requireExpiration;
    private final int maxTokenLength;

    private JwtVerifier(Builder b) {
        this.algorithm = b.algorithm;
        this.keys = b.keys;
        this.clock = b.clock;
        this.leeway = b.leeway;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.requireExpiration = b.requireExpiration;
        this.maxTokenLength = b.maxTokenLength;
    }

    /** A verifier pinned to {@code algorithm}, taking its keys from {@code keys}. */
    public static Builder builder(Algorithm algorithm, KeySource keys) {
        return new Builder(algorithm, keys);
    }

    /** The algorithm this verifier is pinned to. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * The claims of {@code token} if it passes every check in the class comment.
     *
     * @throws JwtException (401) saying which check failed
     */
    public Claims verify(String token) {
        if (token == null || token.isEmpty()) {
            throw JwtException.of(Kind.MISSING);
        }
        if (token.length() > maxTokenLength) {
            throw JwtException.of(Kind.MALFORMED, "longer than " + maxTokenLength + " characters");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || dot2 == dot1 + 1 || token.indexOf('.', dot2 + 1) >= 0) {
            throw JwtException.of(Kind.MALFORMED, "expected three base64url segments");
        }
        if (!base64url(token, 0, token.length())) {
            throw JwtException.of(Kind.MALFORMED, "segments must be unpadded base64url");
        }
        Map<String, Object> header = jsonObject(token.substring(0, dot1), "header");
        Object alg = header.get("alg");
        if (!(alg instanceof String)) {
            throw JwtException.of(Kind.MALFORMED, "header has no alg");
        }
        if (!algorithm.jwaName().equals(alg)) {
            throw JwtException.of(Kind.UNEXPECTED_SIGNING_METHOD, "expected " + algorithm.jwaName());
        }
        if (dot2 == token.length() - 1) {
            throw JwtException.of(Kind.BAD_SIGNATURE, "the token is unsigned");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw JwtException.of(Kind.MALFORMED, "header is not a valid JWS header");
        }
        String kid = jwt.getHeader().getKeyID();
        List<JwtKey> candidates = keys.keysFor(kid, algorithm);
        if (candidates.isEmpty()) {
            throw JwtException.of(Kind.UNKNOWN_KEY);
        }
        boolean verified = false;
        for (int i = 0; i < candidates.size() && i < MAX_CANDIDATE_KEYS && !verified; i++) {
            verified = verifyWith(jwt, candidates.get(i));
        }
        if (!verified) {
            throw JwtException.of(Kind.BAD_SIGNATURE);
        }
        Claims claims;
        try {
            claims = Claims.parse(jsonObject(token.substring(dot1 + 1, dot2), "payload"));
        } catch (ParseException | RuntimeException e) {
            if (e instanceof JwtException j) {
                throw j;
            }
            throw JwtException.of(Kind.MALFORMED, "registered claims have the wrong type");
        }
        checkTimes(claims);
        if (issuer != null && !issuer.equals(claims.issuer())) {
            throw JwtException.of(Kind.INVALID_CLAIMS, "unexpected issuer");
        }
        if (audience != null && !claims.audience().contains(audience)) {
            throw JwtException.of(Kind.INVALID_CLAIMS, "this service is not in the audience");
        }
        return claims;
    }

    private void checkTimes(Claims claims) {
        Instant now = clock.now();
        Instant exp = claims.expiresAt();
        if (exp == null) {
            if (requireExpiration) {
                throw JwtException.of(Kind.INVALID_CLAIMS, "the token has no expiry (exp)");
            }
        } else if (!now.minus(leeway).isBefore(exp)) {
            throw JwtException.of(Kind.EXPIRED);
        }
        Instant nbf = claims.notBefore();
        if (nbf != null && now.plus(leeway).isBefore(nbf)) {
            throw JwtException.of(Kind.NOT_YET_VALID);
        }
        Instant iat = claims.issuedAt();
        if (iat != null && now.plus(leeway).isBefore(iat)) {
            throw JwtException.of(Kind.NOT_YET_VALID, "issued in the future");
        }
    }

    private boolean verifyWith(SignedJWT jwt, JwtKey key) {
        try {
            return jwt.verify(verifier(key));
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private JWSVerifier verifier(JwtKey key) throws JOSEException {
        return switch (algorithm.family()) {
            case HMAC -> new MACVerifier(key.secret());
            case RSA -> new RSASSAVerifier((RSAPublicKey) key.publicKey());
            case EC -> new ECDSAVerifier((ECPublicKey) key.publicKey());
            case EDDSA -> new Ed25519Verifier(key.edKeyPair(false));
        };
    }

    private static Map<String, Object> jsonObject(String segment, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw JwtException.of(Kind.MALFORMED, what + " is not base64url");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw JwtException.of(Kind.MALFORMED, what + " is not UTF-8");
        }
        if (!json.strip().startsWith("{")) {
            throw JwtException.of(Kind.MALFORMED, what + " is not a JSON object");
        }
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            throw JwtException.of(Kind.MALFORMED, what + " is not a JSON object");
        }
    }

    /** True if {@code s[from, to)} holds only base64url characters (no padding, no '+' or '/'), dots aside. */
    private static boolean base64url(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Options of a {@link JwtVerifier}. */
    public static final class Builder {
        private final Algorithm algorithm;
        private final KeySource keys;
        private Clock clock = Clock.system();
        private Duration leeway = Duration.ZERO;
        private String issuer;
        private String audience;
        private boolean requireExpiration = true;
        private int maxTokenLength = 8192;

        private Builder(Algorithm algorithm, KeySource keys) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** The clock for exp, nbf and iat. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Clock skew tolerated on exp, nbf and iat. Default zero. */
        public Builder leeway(Duration leeway) {
            if (leeway.isNegative()) {
                throw new IllegalArgumentException("leeway must not be negative");
            }
            this.leeway = leeway;
            return this;
        }

        /** The {@code iss} every token must carry. Default: not checked. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** A value the token's {@code aud} must contain. Default: not checked. */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Whether a token without {@code exp} is refused. Default true (a token without one never expires). */
        public Builder requireExpiration(boolean require) {
            this.requireExpiration = require;
            return this;
        }

        /** The longest token accepted. Default 8192 characters. */
        public Builder maxTokenLength(int chars) {
            this.maxTokenLength = chars;
            return this;
        }

        /** The verifier. */
        public JwtVerifier build() {
            return new JwtVerifier(this);
        }
    }
}
