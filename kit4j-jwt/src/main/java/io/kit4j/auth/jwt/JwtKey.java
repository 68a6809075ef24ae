package io.kit4j.auth.jwt;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key that signs or verifies tokens: an HMAC secret, or an RSA, EC (P-256/384/521) or Ed25519 key
 * (the public half, the private half or both), with an optional key id ({@code kid}). Immutable.
 *
 * <p>Made from bytes ({@link #hmac}), PEM text ({@link #fromPem}: {@code PUBLIC KEY}, {@code PRIVATE KEY}
 * (PKCS#8) and {@code CERTIFICATE} blocks), a JWK ({@link #fromJwk}), JDK keys ({@link #of(KeyPair)}), or
 * generated ({@link #generate}). {@link #toPublicJwk()} and {@link #jwks} publish the public half.
 */
public final class JwtKey {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Algorithm.Family family;
    private final String kid;
    private final byte[] secret;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final byte[] edPublic;
    private final byte[] edPrivate;
    private final Algorithm declaredAlg;
    private final String use;

    private JwtKey(Algorithm.Family family, String kid, byte[] secret, PublicKey publicKey, PrivateKey privateKey,
            byte[] edPublic, byte[] edPrivate, Algorithm declaredAlg, String use) {
        this.family = family;
        this.kid = kid;
        this.secret = secret;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.edPublic = edPublic;
        this.edPrivate = edPrivate;
        this.declaredAlg = declaredAlg;
        this.use = use;
    }

    /** An HMAC secret (HS256 needs at least 32 bytes, HS384 48, HS512 64). */
    public static JwtKey hmac(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("an HMAC secret must not be empty");
        }
        return new JwtKey(Algorithm.Family.HMAC, null, secret.clone(), null, null, null, null, null, null);
    }

    /** The key pair {@code pair}; either half may be null. */
    public static JwtKey of(KeyPair pair) {
        return of(pair.getPublic(), pair.getPrivate());
    }

    /** A key from its JDK halves, either of which may be null (but not both). */
    public static JwtKey of(PublicKey publicKey, PrivateKey privateKey) {
        if (publicKey == null && privateKey == null) {
            throw new IllegalArgumentException("a key needs a public or a private half");
        }
        String alg = publicKey != null ? publicKey.getAlgorithm() : privateKey.getAlgorithm();
        switch (alg) {
            case "RSA" -> {
                if (publicKey == null && privateKey instanceof RSAPrivateCrtKey crt) {
                    publicKey = rsaPublic(crt);
                }
                return new JwtKey(Algorithm.Family.RSA, null, null, publicKey, privateKey, null, null, null, null);
            }
            case "EC" -> {
                return new JwtKey(Algorithm.Family.EC, null, null, publicKey, privateKey, null, null, null, null);
            }
            case "EdDSA", "Ed25519" -> {
                byte[] priv = privateKey == null ? null : edPrivateBytes(privateKey);
                byte[] pub = publicKey != null ? edPublicBytes(publicKey) : edPublicFromSeed(priv);
                return new JwtKey(Algorithm.Family.EDDSA, null, null, publicKey, privateKey, pub, priv, null, null);
            }
            default -> throw new IllegalArgumentException("unsupported key algorithm " + alg
                    + ": use RSA, EC (P-256, P-384, P-521) or Ed25519");
        }
    }

    /**
     * A key from PEM text holding a {@code PUBLIC KEY}, a {@code PRIVATE KEY} (PKCS#8), a
     * {@code CERTIFICATE}, or a private and a public block together. PKCS#1 ({@code RSA PRIVATE KEY}) and
     * SEC1 ({@code EC PRIVATE KEY}) blocks are refused with a hint to convert them
     * ({@code openssl pkcs8 -topk8 -nocrypt}).
     */
    public static JwtKey fromPem(String pem) {
        PublicKey pub = null;
        PrivateKey priv = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                switch (type) {
                    case "PUBLIC KEY" -> pub = decodePublic(der);
                    case "PRIVATE KEY" -> priv = decodePrivate(der);
                    case "CERTIFICATE" -> pub = CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException(
                            type + " (PKCS#1/SEC1) is not supported: convert it to PKCS#8 with "
                                    + "'openssl pkcs8 -topk8 -nocrypt'");
                    default -> throw new IllegalArgumentException("unsupported PEM block " + type);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read PEM block " + type + ": " + e.getMessage(), e);
            }
        }
        if (pub == null && priv == null) {
            throw new IllegalArgumentException("no PEM key block found");
        }
        return of(pub, priv);
    }

    /**
     * A key from a JWK (RFC 7517): {@code kty} {@code oct}, {@code RSA}, {@code EC} or {@code OKP} (Ed25519);
     * its {@code kid}, {@code alg} and {@code use} are kept and honoured when keys are chosen.
     */
    public static JwtKey fromJwk(String json) {
        try {
            return fromNimbus(JWK.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid JWK: " + e.getMessage(), e);
        }
    }

    static JwtKey fromNimbus(JWK jwk) {
        try {
            Algorithm alg = jwk.getAlgorithm() == null ? null : Algorithm.byName(jwk.getAlgorithm().getName());
            String use = jwk.getKeyUse() == null ? null : jwk.getKeyUse().identifier();
            JwtKey k;
            if (jwk instanceof OctetSequenceKey oct) {
                k = hmac(oct.toByteArray());
            } else if (jwk instanceof RSAKey rsa) {
                k = of(rsa.toRSAPublicKey(), rsa.isPrivate() ? rsa.toRSAPrivateKey() : null);
            } else if (jwk instanceof ECKey ec) {
                k = of(ec.toECPublicKey(), ec.isPrivate() ? ec.toECPrivateKey() : null);
            } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                byte[] x = okp.getDecodedX();
                byte[] d = okp.isPrivate() ? okp.getDecodedD() : null;
                if (x.length != 32 || (d != null && d.length != 32)) {
                    throw new IllegalArgumentException("an Ed25519 JWK needs 32-byte x and d");
                }
                k = new JwtKey(Algorithm.Family.EDDSA, null, null, null, null, x, d, null, null);
            } else {
                throw new IllegalArgumentException("unsupported JWK type " + jwk.getKeyType()
                        + (jwk instanceof OctetKeyPair o ? " on curve " + o.getCurve() : ""));
            }
            return new JwtKey(k.family, jwk.getKeyID(), k.secret, k.publicKey, k.privateKey, k.edPublic, k.edPrivate,
                    alg, use);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWK: " + e.getMessage(), e);
        }
    }

    /** A fresh random key for {@code alg}: a secret of the hash size, RSA 2048, the EC curve, or Ed25519. */
    public static JwtKey generate(Algorithm alg) {
        try {
            return switch (alg.family()) {
                case HMAC -> {
                    byte[] s = new byte[alg.minKeySize()];
                    RANDOM.nextBytes(s);
                    yield hmac(s);
                }
                case RSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield of(g.generateKeyPair());
                }
                case EC -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curve(alg).getStdName()));
                    yield of(g.generateKeyPair());
                }
                case EDDSA -> of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key for " + alg, e);
        }
    }

    /** This key with key id {@code kid}. */
    public JwtKey withKeyId(String kid) {
        return new JwtKey(family, kid, secret, publicKey, privateKey, edPublic, edPrivate, declaredAlg, use);
    }

    /** The key id, or null. */
    public String keyId() {
        return kid;
    }

    /** The key family. */
    public Algorithm.Family family() {
        return family;
    }

    /** True if this key can sign (a secret, or a private half). */
    public boolean canSign() {
        return secret != null || privateKey != null || edPrivate != null;
    }

    /** True if this key can verify (a secret, or a public half). */
    public boolean canVerify() {
        return secret != null || publicKey != null || edPublic != null;
    }

    /**
     * True if this key may serve {@code alg}: same family, strong enough (secret or modulus size, the
     * algorithm's curve), and not bound by its JWK to another algorithm or to encryption use.
     */
    public boolean supports(Algorithm alg) {
        if (alg.family() != family || (declaredAlg != null && declaredAlg != alg)
                || (use != null && !use.equals(KeyUse.SIGNATURE.identifier()))) {
            return false;
        }
        return switch (family) {
            case HMAC -> secret.length >= alg.minKeySize();
            case RSA -> modulusBits() >= alg.minKeySize();
            case EC -> curve(alg).equals(ecCurve());
            case EDDSA -> true;
        };
    }

    /** The public half as a JWK JSON object (with kid, {@code use: sig}); refused for an HMAC secret. */
    public String toPublicJwk() {
        return publicJwk().toJSONString();
    }

    /** A JWK Set document ({@code {"keys": [...]}}) with the public halves of {@code keys}. */
    public static String jwks(JwtKey... keys) {
        List<JWK> list = new ArrayList<>();
        for (JwtKey k : keys) {
            list.add(k.publicJwk());
        }
        return new JWKSet(list).toString(true);
    }

    JWK publicJwk() {
        try {
            return switch (family) {
                case HMAC -> throw new IllegalStateException("an HMAC secret has no public half to publish");
                case RSA -> new RSAKey.Builder((RSAPublicKey) requirePublic()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .build();
                case EC -> new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) requirePublic()).getParams()),
                        (ECPublicKey) requirePublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
                case EDDSA -> new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(requireEdPublic())).keyID(kid)
                        .keyUse(KeyUse.SIGNATURE).build();
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish key " + kid, e);
        }
    }

    byte[] secret() {
        return secret;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    OctetKeyPair edKeyPair(boolean withPrivate) {
        OctetKeyPair.Builder b = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(requireEdPublic()));
        if (withPrivate) {
            b.d(Base64URL.encode(edPrivate));
        }
        return b.build();
    }

    private PublicKey requirePublic() {
        if (publicKey == null) {
            throw new IllegalStateException("key " + kid + " has no public half");
        }
        return publicKey;
    }

    private byte[] requireEdPublic() {
        if (edPublic == null) {
            throw new IllegalStateException("key " + kid + " has no public half");
        }
        return edPublic;
    }

    private int modulusBits() {
        if (publicKey instanceof RSAPublicKey r) {
            return r.getModulus().bitLength();
        }
        if (privateKey instanceof RSAPrivateKey r) {
            return r.getModulus().bitLength();
        }
        return 0;
    }

    private Curve ecCurve() {
        if (publicKey instanceof ECPublicKey e) {
            return Curve.forECParameterSpec(e.getParams());
        }
        if (privateKey instanceof ECPrivateKey e) {
            return Curve.forECParameterSpec(e.getParams());
        }
        return null;
    }

    static Curve curve(Algorithm alg) {
        return switch (alg) {
            case ES256 -> Curve.P_256;
            case ES384 -> Curve.P_384;
            case ES512 -> Curve.P_521;
            default -> throw new IllegalArgumentException(alg + " is not an ECDSA algorithm");
        };
    }

    private static PublicKey decodePublic(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or Ed25519 public key", last);
    }

    private static PrivateKey decodePrivate(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or Ed25519 PKCS#8 private key", last);
    }

    private static PublicKey rsaPublic(RSAPrivateCrtKey k) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the RSA public key", e);
        }
    }

    /** The raw 32 bytes of an Ed25519 public key: its X.509 encoding is a fixed 12-byte prefix and the key. */
    private static byte[] edPublicBytes(PublicKey k) {
        byte[] enc = k.getEncoded();
        if (enc == null || enc.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key (Ed448 is not supported)");
        }
        return Arrays.copyOfRange(enc, 12, 44);
    }

    private static byte[] edPrivateBytes(PrivateKey k) {
        if (k instanceof EdECPrivateKey ed && ed.getParams().getName().equals("Ed25519")) {
            return ed.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 private key has no bytes"));
        }
        throw new IllegalArgumentException("not an Ed25519 private key (Ed448 is not supported)");
    }

    private static byte[] edPublicFromSeed(byte[] seed) {
        try {
            return Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the Ed25519 public key", e);
        }
    }

    @Override
    public String toString() {
        return "JwtKey[" + family + (kid == null ? "" : ", kid=" + kid) + (canSign() ? ", private" : ", public") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtKey k && family == k.family && Objects.equals(kid, k.kid)
                && Arrays.equals(secret, k.secret) && Objects.equals(publicKey, k.publicKey)
                && Arrays.equals(edPublic, k.edPublic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, kid, Arrays.hashCode(secret), publicKey, Arrays.hashCode(edPublic));
    }

}
