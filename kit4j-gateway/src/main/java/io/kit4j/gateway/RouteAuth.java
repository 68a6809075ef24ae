package io.kit4j.gateway;

import io.kit4j.auth.jwt.Algorithm;
import io.kit4j.auth.jwt.Claims;
import io.kit4j.auth.jwt.JwksKeySource;
import io.kit4j.auth.jwt.JwtException;
import io.kit4j.auth.jwt.JwtKey;
import io.kit4j.auth.jwt.JwtVerifier;
import io.kit4j.auth.jwt.KeySource;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;

/**
 * A route's JWT check (see {@link RouteConfig.JwtConfig}): the bearer token of {@code Authorization}
 * verified by kit4j-jwt's {@link JwtVerifier} (401 {@link JwtException} with {@code WWW-Authenticate}
 * when missing or invalid), then the role check (403), then the chosen claims written into the upstream
 * headers, replacing whatever the client sent under those names.
 */
final class RouteAuth {
    private final JwtVerifier verifier;
    private final List<String> roles;
    private final Map<String, String> forward;

    private RouteAuth(JwtVerifier verifier, List<String> roles, Map<String, String> forward) {
        this.verifier = verifier;
        this.roles = roles;
        this.forward = forward;
    }

    /** The check {@code c} describes; keys are read now. An invalid setting is an {@link IllegalArgumentException}. */
    static RouteAuth of(RouteConfig.JwtConfig c, Clock clock) {
        Algorithm alg = c.algorithm() == null ? null : Algorithm.byName(c.algorithm().trim());
        if (alg == null) {
            throw new IllegalArgumentException("jwt.algorithm must name a JWA algorithm such as HS256 or RS256, not "
                    + c.algorithm());
        }
        int sources = (c.secretFile() != null ? 1 : 0) + (c.publicKeyFile() != null ? 1 : 0) + (c.jwksUrl() != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("jwt needs exactly one of secretFile, publicKeyFile, jwksUrl");
        }
        KeySource keys;
        try {
            if (c.secretFile() != null) {
                keys = KeySource.of(JwtKey.hmac(Files.readAllBytes(Path.of(c.secretFile()))));
            } else if (c.publicKeyFile() != null) {
                keys = KeySource.of(JwtKey.fromPem(Files.readString(Path.of(c.publicKeyFile()))));
            } else {
                keys = JwksKeySource.builder(URI.create(c.jwksUrl())).clock(clock).build();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("jwt key cannot be read: " + e.getMessage(), e);
        }
        JwtVerifier.Builder b = JwtVerifier.builder(alg, keys).clock(clock);
        if (c.issuer() != null) {
            b.issuer(c.issuer());
        }
        if (c.audience() != null) {
            b.audience(c.audience());
        }
        Map<String, String> forward = new LinkedHashMap<>();
        if (c.forwardClaims() != null) {
            for (Map.Entry<String, String> e : c.forwardClaims().entrySet()) {
                String header = e.getValue();
                if (header == null || !header.matches("[A-Za-z0-9-]{1,64}")) {
                    throw new IllegalArgumentException("jwt.forwardClaims: not a header name: " + header);
                }
                forward.put(e.getKey(), header);
            }
        }
        return new RouteAuth(b.build(), c.roles() == null ? List.of() : List.copyOf(c.roles()), Map.copyOf(forward));
    }

    /** The verified claims of the request's bearer token, or the 401/403. */
    Claims check(String authorization) {
        Claims claims = verifier.verify(bearer(authorization));
        if (!roles.isEmpty() && claims.strings("roles").stream().noneMatch(roles::contains)) {
            throw new KitError(ErrorCode.PERMISSION_DENIED, "requires role " + String.join(" or ", roles),
                    Map.of("WWW-Authenticate", List.of("Bearer error=\"insufficient_scope\"")), null);
        }
        return claims;
    }

    /** Replaces the forwarded-claim headers in {@code headers} with the values of {@code claims}. */
    void forward(Claims claims, HttpFields.Mutable headers) {
        for (Map.Entry<String, String> e : forward.entrySet()) {
            headers.remove(e.getValue());
            List<String> values = claims.strings(e.getKey());
            if (!values.isEmpty()) {
                headers.put(e.getValue(), String.join(",", values));
            }
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header (go-kit's rule: two parts, one space), or null. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.split(" ");
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") && !parts[1].isEmpty() ? parts[1] : null;
    }
}
