package io.kit4j.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import io.kit4j.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Issues tokens: compact JWS ({@code header.payload.signature}, unpadded base64url) with header
 * {@code {"alg": ..., "typ": "JWT", "kid": ...}} and the given claims, readable by any JWT library.
 *
 * <p>With a {@link Builder#ttl(Duration) ttl}, every token gets {@code iat} = now and {@code exp} = now +
 * ttl on the signer's {@link Clock} unless its claims set them (go-kit's signer signs one fixed claims
 * object, so its {@code exp} never moves; this one stamps each token). Thread-safe.
 */
public final class JwtSigner {
    private final Algorithm algorithm;
    private final JWSSigner signer;
    private final String kid;
    private final Clock clock;
    private final Duration ttl;

    private JwtSigner(Builder b) {
        this.algorithm = b.algorithm;
        this.kid = b.kid != null ? b.kid : b.key.keyId();
        this.clock = b.clock;
        this.ttl = b.ttl;
        try {
            this.signer = switch (b.algorithm.family()) {
                case HMAC -> new MACSigner(b.key.secret());
                case RSA -> new RSASSASigner(b.key.privateKey());
                case EC -> new ECDSASigner(b.key.privateKey(), JwtKey.curve(b.algorithm));
                case EDDSA -> new Ed25519Signer(b.key.edKeyPair(true));
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign " + b.algorithm + " with " + b.key + ": " + e.getMessage(), e);
        }
    }

    /** A signer for {@code algorithm} with {@code key}, which must be able to sign and support the algorithm. */
    public static Builder builder(Algorithm algorithm, JwtKey key) {
        return new Builder(algorithm, key);
    }

    /** The algorithm this signer uses. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** A signed token carrying {@code claims} (stamped with iat and exp when a ttl is set). */
    public String sign(Claims claims) {
        Claims c = claims;
        if (ttl != null && (c.expiresAt() == null || c.issuedAt() == null)) {
            Instant now = clock.now();
            Claims.Builder b = c.toBuilder();
            if (c.issuedAt() == null) {
                b.issuedAt(now);
            }
            if (c.expiresAt() == null) {
                b.expiresAt(now.plus(ttl));
            }
            c = b.build();
        }
        JWSHeader header = new JWSHeader.Builder(algorithm.nimbus()).type(JOSEObjectType.JWT).keyID(kid).build();
        SignedJWT jwt = new SignedJWT(header, c.nimbus());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** Options of a {@link JwtSigner}. */
    public static final class Builder {
        private final Algorithm algorithm;
        private final JwtKey key;
        private String kid;
        private Clock clock = Clock.system();
        private Duration ttl;

        private Builder(Algorithm algorithm, JwtKey key) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.key = Objects.requireNonNull(key, "key");
            if (!key.canSign()) {
                throw new IllegalArgumentException(key + " cannot sign: give its private half");
            }
            if (!key.supports(algorithm)) {
                throw new IllegalArgumentException(key + " does not support " + algorithm
                        + " (wrong family, too short a key, or another curve)");
            }
        }

        /** The {@code kid} header; default the key's id (none if it has none). */
        public Builder keyId(String kid) {
            this.kid = kid;
            return this;
        }

        /** The clock stamping iat and exp. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Lifetime stamped on tokens whose claims have no exp. Default: none stamped. */
        public Builder ttl(Duration ttl) {
            if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
                throw new IllegalArgumentException("ttl must be positive");
            }
            this.ttl = ttl;
            return this;
        }

        /** The signer. */
        public JwtSigner build() {
            return new JwtSigner(this);
        }
    }
}
