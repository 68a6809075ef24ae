package io.kit4j.gateway;

import java.util.List;

/**
 * The {@code discovery} section of a routes file: a route for every service the registry lists (see
 * {@link io.kit4j.sd.Catalog}), made after the file's routes and kept in step with the registry.
 * Each generated route matches {@code <prefix><service>/**}, drops {@code stripPrefix} segments and
 * sends the rest to the service; {@code null} means "the default". See {@link RoutesFile}.
 *
 * @param enabled whether routes are generated; default true when the section is present
 * @param prefix the path in front of the service name, starting and (added if missing) ending with
 *     {@code /}; default {@code /}
 * @param stripPrefix path segments dropped before forwarding; default the segments of {@code prefix}
 *     plus one (the service name): {@code /svc-a/users/7} goes to {@code svc-a} as {@code /users/7}
 * @param exclude service names that get no route (the gateway itself, say)
 * @param lb as {@link RouteConfig#lb()}, for every generated route
 * @param timeout as {@link RouteConfig#timeout()}
 * @param attempts as {@link RouteConfig#attempts()}
 * @param retryMethods as {@link RouteConfig#retryMethods()}
 * @param retryOnStatus as {@link RouteConfig#retryOnStatus()}
 * @param breaker as {@link RouteConfig#breaker()}
 * @param rateLimit as {@link RouteConfig#rateLimit()}: a limit per generated route
 * @param jwt as {@link RouteConfig#jwt()}: every generated route requires the token
 */
public record DiscoveryConfig(Boolean enabled, String prefix, Integer stripPrefix, List<String> exclude, String lb,
        String timeout, Integer attempts, List<String> retryMethods, List<Integer> retryOnStatus,
        RouteConfig.BreakerConfig breaker, RouteConfig.RateLimitConfig rateLimit, RouteConfig.JwtConfig jwt) {
}
