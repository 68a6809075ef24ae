/**
 * JWT authentication for kit4j endpoints, after go-kit's {@code auth/jwt}, on Nimbus JOSE+JWT.
 *
 * <p>Server side: {@link io.kit4j.auth.jwt.JwtHttp#httpToContext()} as a before hook, then
 * {@link io.kit4j.auth.jwt.JwtMiddleware#parser} around the endpoint with a
 * {@link io.kit4j.auth.jwt.JwtVerifier} pinned to one {@link io.kit4j.auth.jwt.Algorithm} and a
 * {@link io.kit4j.auth.jwt.KeySource} (fixed keys from PEM or JWK, or a
 * {@link io.kit4j.auth.jwt.JwksKeySource}); a bad token is a 401
 * {@link io.kit4j.auth.jwt.JwtException} with {@code WWW-Authenticate}; role and scope checks answer 403.
 *
 * <p>Client side: {@link io.kit4j.auth.jwt.JwtMiddleware#signer} with a {@link io.kit4j.auth.jwt.JwtSigner},
 * then {@link io.kit4j.auth.jwt.JwtHttp#contextToHttp()} as a client before hook.
 */
package io.kit4j.auth.jwt;
