package io.kit4j.gateway;

import java.util.List;

/**
 * What a routes file holds: the routes, first match wins, the proxies whose forwarding headers are
 * believed, and the Redis of shared rate limits.
 *
 * @param routes the routes in matching order
 * @param trustedProxies IP literals and CIDR blocks of proxies in front of the gateway; none by default
 * @param redis where rate limits with {@code store: redis} keep their buckets; null: none (such a route is
 *     then an error)
 */
public record GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies, RedisConfig redis) {

    /** Copies the lists; null stands for none. */
    public GatewayConfig {
        routes = routes == null ? List.of() : List.copyOf(routes);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** A config without Redis. */
    public GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies) {
        this(routes, trustedProxies, null);
    }

    /** A config with {@code routes} and no trusted proxies. */
    public static GatewayConfig of(RouteConfig... routes) {
        return new GatewayConfig(List.of(routes), List.of());
    }
}
