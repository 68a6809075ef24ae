package io.kit4j.auth.jwt;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Middleware;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * go-kit's {@code auth/jwt} middlewares, plus authorization.
 *
 * <ul>
 *   <li>{@link #signer}: client side; signs claims per call and puts the token in the context under
 *       {@link JwtContextKeys#TOKEN}, where {@link JwtHttp#contextToHttp()} sends it as
 *       {@code Authorization: Bearer}.</li>
 *   <li>{@link #parser}: server side; reads the token that {@link JwtHttp#httpToContext()} put in the
 *       context, verifies it, and puts the {@link Claims} (and optionally a typed view of them) in the
 *       context; a missing or bad token is a 401 {@link JwtException}.</li>
 *   <li>{@link #requireRole}, {@link #requireScopes}, {@link #require}: for an authenticated caller who
 *       may not do the thing, a 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"}. Put
 *       them inside the parser.</li>
 * </ul>
 *
 * <pre>{@code
 * Endpoint<Create, User> create = createEndpoint
 *         .with(JwtMiddleware.<Create, User>requireRole("admin"))
 *         .with(JwtMiddleware.parser(verifier));   // outermost: authenticate first
 * }</pre>
 */
public final class JwtMiddleware {
    private JwtMiddleware() {
    }

    /** go-kit's {@code NewSigner}: per call, signs {@code claims.apply(ctx)} and stores the token in the context. */
    public static <Q, R> Middleware<Q, R> signer(JwtSigner signer, Function<Context, Claims> claims) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(claims, "claims");
        return next -> (ctx, q) -> next.call(ctx.with(JwtContextKeys.TOKEN, signer.sign(claims.apply(ctx))), q);
    }

    /** go-kit's {@code NewParser}: verifies the context's token and stores its claims under {@link JwtContextKeys#CLAIMS}. */
    public static <Q, R> Middleware<Q, R> parser(JwtVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        return next -> (ctx, q) -> next.call(authenticate(ctx, verifier), q);
    }

    /**
     * Like {@link #parser(JwtVerifier)}, and also stores {@code typed.apply(claims)} under {@code key}: the
     * typed claims of go-kit's {@code ClaimsFactory} (for example a {@code UserClaim} with the user's name).
     * An exception from {@code typed} (a claim missing or of the wrong type) is a 401 of kind
     * {@link JwtException.Kind#INVALID_CLAIMS}.
     */
    public static <Q, R, T> Middleware<Q, R> parser(JwtVerifier verifier, ContextKey<T> key, Function<Claims, T> typed) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(typed, "typed");
        return next -> (ctx, q) -> {
            Context c = authenticate(ctx, verifier);
            T value;
            try {
                value = typed.apply(c.get(JwtContextKeys.CLAIMS));
            } catch (KitError e) {
                throw e;
            } catch (RuntimeException e) {
                throw JwtException.of(JwtException.Kind.INVALID_CLAIMS, "claims do not fit this service");
            }
            return next.call(c.with(key, value), q);
        };
    }

    /** {@link #parser(JwtVerifier)} for every endpoint of a service. */
    public static NamedMiddleware namedParser(JwtVerifier verifier) {
        return new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return JwtMiddleware.<Q, R>parser(verifier).apply(next);
            }
        };
    }

    /** 403 unless the claims' {@code roles} claim (a string or array of strings) holds one of {@code roles}. */
    public static <Q, R> Middleware<Q, R> requireRole(String... roles) {
        List<String> wanted = List.of(roles);
        return require(c -> c.strings("roles").stream().anyMatch(wanted::contains),
                "requires role " + String.join(" or ", wanted), null);
    }

    /** 403 unless the claims' {@code scope} (space-separated, RFC 8693) holds every one of {@code scopes}. */
    public static <Q, R> Middleware<Q, R> requireScopes(String... scopes) {
        List<String> wanted = List.of(scopes);
        return require(c -> c.scopes().containsAll(wanted), "requires scope " + String.join(" ", wanted),
                String.join(" ", wanted));
    }

    /**
     * 403 with {@code denial} as message unless {@code allowed} accepts the verified claims; {@code scope},
     * when not null, is named in the challenge. Without verified claims in the context (no parser ran) the
     * call is refused with a 401: authorization never passes by default.
     */
    public static <Q, R> Middleware<Q, R> require(Predicate<Claims> allowed, String denial, String scope) {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(denial, "denial");
        String challenge = "Bearer error=\"insufficient_scope\", error_description=\""
                + JwtException.headerSafe(denial) + "\"" + (scope == null ? "" : ", scope=\""
                + JwtException.headerSafe(scope) + "\"");
        return next -> (ctx, q) -> {
            Claims claims = ctx.get(JwtContextKeys.CLAIMS);
            if (claims == null) {
                throw JwtException.of(JwtException.Kind.MISSING);
            }
            if (!allowed.test(claims)) {
                throw new KitError(ErrorCode.PERMISSION_DENIED, denial, Map.of("WWW-Authenticate", List.of(challenge)),
                        null);
            }
            return next.call(ctx, q);
        };
    }

    private static Context authenticate(Context ctx, JwtVerifier verifier) {
        String token = ctx.get(JwtContextKeys.TOKEN);
        if (token == null) {
            throw JwtException.of(JwtException.Kind.MISSING);
        }
        return ctx.with(JwtContextKeys.CLAIMS, verifier.verify(token));
    }
}
