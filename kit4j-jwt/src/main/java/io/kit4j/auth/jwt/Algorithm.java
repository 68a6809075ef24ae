package io.kit4j.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The JWS signing algorithms kit4j signs and verifies (RFC 7518, RFC 8037), by their JWA names. A
 * {@link JwtVerifier} is pinned to one of them: a token naming any other algorithm, {@code none}
 * included, is refused before any key is looked at.
 */
public enum Algorithm {
    /** HMAC with SHA-256; a shared secret of at least 32 bytes. */
    HS256(Family.HMAC, JWSAlgorithm.HS256, 32),
    /** HMAC with SHA-384; a shared secret of at least 48 bytes. */
    HS384(Family.HMAC, JWSAlgorithm.HS384, 48),
    /** HMAC with SHA-512; a shared secret of at least 64 bytes. */
    HS512(Family.HMAC, JWSAlgorithm.HS512, 64),
    /** RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits. */
    RS256(Family.RSA, JWSAlgorithm.RS256, 2048),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384(Family.RSA, JWSAlgorithm.RS384, 2048),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512(Family.RSA, JWSAlgorithm.RS512, 2048),
    /** RSASSA-PSS with SHA-256 and MGF1. */
    PS256(Family.RSA, JWSAlgorithm.PS256, 2048),
    /** RSASSA-PSS with SHA-384 and MGF1. */
    PS384(Family.RSA, JWSAlgorithm.PS384, 2048),
    /** RSASSA-PSS with SHA-512 and MGF1. */
    PS512(Family.RSA, JWSAlgorithm.PS512, 2048),
    /** ECDSA on P-256 with SHA-256. */
    ES256(Family.EC, JWSAlgorithm.ES256, 256),
    /** ECDSA on P-384 with SHA-384. */
    ES384(Family.EC, JWSAlgorithm.ES384, 384),
    /** ECDSA on P-521 with SHA-512. */
    ES512(Family.EC, JWSAlgorithm.ES512, 521),
    /** EdDSA on Ed25519 (RFC 8037). */
    EdDSA(Family.EDDSA, JWSAlgorithm.EdDSA, 256);

    /** The key families; a key of one family never serves an algorithm of another. */
    public enum Family {
        /** Shared secrets (HS*). */
        HMAC,
        /** RSA key pairs (RS*, PS*). */
        RSA,
        /** Elliptic-curve key pairs on the NIST curves (ES*). */
        EC,
        /** Ed25519 key pairs (EdDSA). */
        EDDSA
    }

    private final Family family;
    private final JWSAlgorithm nimbus;
    private final int minBits;

    Algorithm(Family family, JWSAlgorithm nimbus, int minBits) {
        this.family = family;
        this.nimbus = nimbus;
        this.minBits = minBits;
    }

    /** The key family this algorithm needs. */
    public Family family() {
        return family;
    }

    /** The JWA name written in a token's {@code alg} header, for example {@code "RS256"}. */
    public String jwaName() {
        return nimbus.getName();
    }

    /**
     * The smallest key: bytes of secret for HMAC (the hash size, RFC 7518 §3.2), bits of modulus for RSA,
     * bits of the curve for EC and EdDSA.
     */
    int minKeySize() {
        return minBits;
    }

    JWSAlgorithm nimbus() {
        return nimbus;
    }

    /** The algorithm named {@code jwaName} exactly (case-sensitive, as in JWA), or null. */
    public static Algorithm byName(String jwaName) {
        for (Algorithm a : values()) {
            if (a.jwaName().equals(jwaName)) {
                return a;
            }
        }
        return null;
    }
}
