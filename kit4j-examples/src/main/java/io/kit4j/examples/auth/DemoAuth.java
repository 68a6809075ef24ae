package io.kit4j.examples.auth;

import io.kit4j.auth.jwt.Algorithm;
import io.kit4j.auth.jwt.Claims;
import io.kit4j.auth.jwt.JwtKey;
import io.kit4j.auth.jwt.JwtSigner;
import io.kit4j.auth.jwt.JwtVerifier;
import io.kit4j.auth.jwt.KeySource;
import io.kit4j.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The user service's token setup: HS256 with a shared secret, issuer and audience
 * {@code kit4j-usersvc}, 15-minute tokens, and two demo accounts.
 *
 * <p>The secret comes from the file named by {@code KIT4J_JWT_SECRET_FILE}, else from
 * {@code KIT4J_JWT_SECRET}, else it is the built-in demo secret, which is public (it is in this
 * source file): fine for the demo and tests, never for anything else. {@link #usesDemoSecret()} tells.
 *
 * <p>Demo accounts: {@code admin} / {@code kit4j-admin} (role {@code admin}: may create, update and
 * delete users) and {@code viewer} / {@code kit4j-viewer} (role {@code viewer}: reads only, a write is 403).
 */
public final class DemoAuth {
    /** {@code iss} and {@code aud} of the service's tokens. */
    public static final String ISSUER = "kit4j-usersvc";
    /** Token lifetime. */
    public static final Duration TTL = Duration.ofMinutes(15);
    static final String DEMO_SECRET = "kit4j-demo-secret-do-not-use-in-production-0123456789";

    /** An account: the SHA-256 of its password and its roles. */
    private record Account(byte[] passwordHash, List<String> roles) {
    }

    private static final Map<String, Account> ACCOUNTS = Map.of(
            "admin", new Account(sha256("kit4j-admin"), List.of("admin")),
            "viewer", new Account(sha256("kit4j-viewer"), List.of("viewer")));

    private final JwtKey key;
    private final boolean demoSecret;

    private DemoAuth(byte[] secret, boolean demoSecret) {
        this.key = JwtKey.hmac(secret);
        this.demoSecret = demoSecret;
    }

    /** The setup the environment asks for (see the class comment). */
    public static DemoAuth fromEnvironment() {
        String file = System.getenv("KIT4J_JWT_SECRET_FILE");
        if (file != null && !file.isBlank()) {
            return fromSecretFile(Path.of(file));
        }
        String secret = System.getenv("KIT4J_JWT_SECRET");
        if (secret != null && !secret.isBlank()) {
            return of(secret.getBytes(StandardCharsets.UTF_8));
        }
        return new DemoAuth(DEMO_SECRET.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A setup whose secret is the (trimmed) content of {@code file}. */
    public static DemoAuth fromSecretFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT secret file " + file, e);
        }
    }

    /** A setup with {@code secret} (at least 32 bytes). */
    public static DemoAuth of(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret must be at least 32 bytes for HS256");
        }
        return new DemoAuth(secret, false);
    }

    /** True if the public demo secret is in use. */
    public boolean usesDemoSecret() {
        return demoSecret;
    }

    /** The signer of the service's tokens, stamping iat and exp from {@code clock}. */
    public JwtSigner signer(Clock clock) {
        return JwtSigner.builder(Algorithm.HS256, key).clock(clock).ttl(TTL).build();
    }

    /** The verifier of the service's tokens: HS256 only, issuer and audience checked, 30 s leeway. */
    public JwtVerifier verifier(Clock clock) {
        return JwtVerifier.builder(Algorithm.HS256, KeySource.of(key)).clock(clock).issuer(ISSUER).audience(ISSUER)
                .leeway(Duration.ofSeconds(30)).build();
    }

    /** A token for {@code user} with {@code roles}, valid for {@code ttl}. */
    public String issue(Clock clock, String user, List<String> roles, Duration ttl) {
        return JwtSigner.builder(Algorithm.HS256, key).clock(clock).ttl(ttl).build()
                .sign(Claims.builder().issuer(ISSUER).audience(ISSUER).subject(user).claim("roles", roles).build());
    }

    /** The roles of a demo account if {@code password} is right, else null; compares in constant time. */
    List<String> authenticate(String user, String password) {
        Account a = ACCOUNTS.get(user == null ? "" : user);
        byte[] given = sha256(password == null ? "" : password);
        byte[] expected = a == null ? sha256("\u0000no such user") : a.passwordHash();
        boolean ok = MessageDigest.isEqual(given, expected) && a != null;
        return ok ? a.roles() : null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
