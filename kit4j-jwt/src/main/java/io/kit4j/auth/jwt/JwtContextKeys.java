package io.kit4j.auth.jwt;

import io.kit4j.context.ContextKey;

/**
 * Where JWT data lives in a {@link io.kit4j.context.Context}: go-kit's {@code JWTContextKey} and
 * {@code JWTClaimsContextKey}.
 */
public final class JwtContextKeys {
    /** The raw token: put there by {@link JwtHttp#httpToContext()} (server) or {@link JwtMiddleware#signer} (client). */
    public static final ContextKey<String> TOKEN = new ContextKey<>("jwt.token");
    /** The verified claims: put there by {@link JwtMiddleware#parser}. */
    public static final ContextKey<Claims> CLAIMS = new ContextKey<>("jwt.claims");

    private JwtContextKeys() {
    }
}
