package io.kit4j.gateway;

import java.util.List;

/**
 * What a routes file holds: the routes, first match wins, the proxies whose forwarding headers are
 * believed, the Redis of shared rate limits, and whether the registry's services get routes of their own.
 *
 * @param routes the routes in matching order
 * @param trustedProxies IP literals and CIDR blocks of proxies in front of the gateway; none by default
 * @param redis where rate limits with {@code store: redis} keep their buckets; null: none (such a route is
 *     then an error)
 * @param discovery routes for the services of the registry's catalog, after {@code routes}; null: none
 */
public record GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies, RedisConfig redis,
        DiscoveryConfig discovery) {

    /** Copies the lists; null stands for none. */
    public GatewayConfig {
        routes = routes == null ? List.of() : List.copyOf(routes);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** A config without Redis and without routes from the registry. */
    public GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies) {
        this(routes, trustedProxies, null, null);
    }

    /** This config with the discovery section {@code discovery}. */
    public GatewayConfig withDiscovery(DiscoveryConfig discovery) {
        return new GatewayConfig(routes, trustedProxies, redis, discovery);
    }

    /** A config with {@code routes} and no trusted proxies. */
    public static GatewayConfig of(RouteConfig... routes) {
        return new GatewayConfig(List.of(routes), List.of());
    }
}
