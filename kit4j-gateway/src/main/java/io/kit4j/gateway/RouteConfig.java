package io.kit4j.gateway;

import java.util.List;

/**
 * One route as written in the routes file; {@code null} means "the default". See {@link RoutesFile} for
 * the format and the defaults, and {@link Route} for what the gateway makes of it.
 *
 * @param id unique name of the route (metric label, admin view)
 * @param path {@code /exact/path}, a prefix ending in {@code /**} ({@code /api/users/**} matches
 *     {@code /api/users} and everything below it), or a template with variables such as
 *     {@code /api/user/{id:\d+}} or {@code /api/{rest:.*}} (see {@link PathPattern})
 * @param methods the methods it matches; none: all
 * @param host the Host it matches (without port, case-insensitive); null: any
 * @param service the service name to resolve through the registry (or {@code instances})
 * @param instances a fixed list of {@code host:port} (or {@code service}); may be empty (always 503)
 * @param stripPrefix how many leading path segments to drop before forwarding; default 0
 * @param prefixPath a path put in front of what remains, such as {@code /v2}; default none
 * @param lb {@code round_robin} (default), {@code random} or {@code least_outstanding}
 * @param timeout the time for all attempts until the upstream's answer headers, such as {@code 30s},
 *     {@code 500ms}, {@code PT1M}; default 30s
 * @param attempts the most attempts per request (1: no retry); default 3
 * @param retryMethods the methods that may be retried after the upstream saw the request; default
 *     GET, HEAD, OPTIONS, PUT, DELETE. Any request is retried when the connection failed before it was sent
 * @param retryOnStatus upstream statuses that count as a failed attempt for a retryable request;
 *     default 502, 503, 504
 * @param breaker settings of the breaker of each instance; null: the defaults
 * @param rateLimit requests admitted per second with a burst, per client or for the whole route; null: no limit
 * @param jwt a bearer token the route requires, verified at the gateway; null: none
 * @param headers header name to a regular expression one of its values must match whole; null: any request
 * @param rewrite the upstream path as a template over the path's variables, such as {@code /v2/users/{id}}
 *     (instead of stripPrefix/prefixPath); null: the path as sent, after stripPrefix/prefixPath
 */
public record RouteConfig(String id, String path, List<String> methods, String host, String service,
        List<String> instances, Integer stripPrefix, String prefixPath, String lb, String timeout, Integer attempts,
        List<String> retryMethods, List<Integer> retryOnStatus, BreakerConfig breaker, RateLimitConfig rateLimit,
        JwtConfig jwt, java.util.Map<String, String> headers, String rewrite) {

    /**
     * The breaker of each upstream instance of a route: kit4j's {@link io.kit4j.circuitbreaker.Settings}
     * with the gateway's defaults (no command timeout, the route's timeout bounds calls).
     *
     * @param errorPercent the error percentage at which it opens; default 50
     * @param volume the calls the 10 s window must hold before it can open; default 20
     * @param sleepWindow how long it stays open before a probe; default 5s
     * @param maxConcurrent calls in flight allowed per instance; default 1024
     */
    public record BreakerConfig(Integer errorPercent, Integer volume, String sleepWindow, Integer maxConcurrent) {
    }

    /**
     * A token bucket in front of a route: beyond it a request gets 429 with {@code Retry-After} and never
     * reaches an upstream.
     *
     * @param perSecond tokens added per second (positive)
     * @param burst the bucket size (at least 1); default: perSecond rounded up
     * @param key {@code client} (default: the peer's address, or the first {@code X-Forwarded-For} entry
     *     from a trusted proxy), {@code route} (one bucket for everyone) or {@code subject} (the {@code sub}
     *     of the route's verified JWT; needs {@code jwt}, and the token is checked before the limit)
     * @param store {@code local} (default: kit4j's {@link io.kit4j.ratelimit.KeyedLimiter} in this gateway)
     *     or {@code redis} (kit4j-redis's {@link io.kit4j.ratelimit.redis.RedisLimiter}: one bucket per key
     *     shared by every gateway using the routes file's {@code redis})
     */
    public record RateLimitConfig(Double perSecond, Integer burst, String key, String store) {

        /** A local limit. */
        public RateLimitConfig(Double perSecond, Integer burst, String key) {
            this(perSecond, burst, key, null);
        }
    }

    /**
     * The JWT a route requires (kit4j-jwt's {@link io.kit4j.auth.jwt.JwtVerifier}, pinned to one algorithm):
     * a request without a valid bearer token gets 401, one without a required role 403, before any
     * upstream is called. Verified claims go upstream as headers the upstream can trust: the gateway
     * removes any client-sent header of those names first. {@code Authorization} is passed on as sent.
     *
     * @param algorithm the pinned algorithm, such as {@code HS256}, {@code RS256}, {@code ES256}, {@code EdDSA}
     * @param secretFile a file holding the HMAC secret (HS*)
     * @param publicKeyFile a PEM file holding the public key (RS*, PS*, ES*, EdDSA)
     * @param jwksUrl a JWK Set URL, fetched and cached (instead of a key file)
     * @param issuer the required {@code iss}; null: any
     * @param audience the required {@code aud}; null: any
     * @param roles roles of which the {@code roles} claim must hold one; none: any authenticated caller
     * @param forwardClaims claim name to header name, such as {@code sub: X-User-Id} (arrays joined by {@code ,})
     */
    public record JwtConfig(String algorithm, String secretFile, String publicKeyFile, String jwksUrl, String issuer,
            String audience, List<String> roles, java.util.Map<String, String> forwardClaims) {
    }
}
