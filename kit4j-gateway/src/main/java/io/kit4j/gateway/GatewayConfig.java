package io.kit4j.gateway;

import java.util.List;

/**
 * What a routes file holds: the routes, first match wins, the proxies whose forwarding headers are
 * believed, and whether the registry's services get routes of their own.
 *
 * @param routes the routes in matching order
 * @param trustedProxies IP literals and CIDR blocks of proxies in front of the gateway; none by default
 * @param discovery routes for the services of the registry's catalog, after {@code routes}; null: none
 */
public record GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies, DiscoveryConfig discovery) {

    /** Copies the lists; null stands for none. */
    public GatewayConfig {
        routes = routes == null ? List.of() : List.copyOf(routes);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** A config without routes from the registry. */
    public GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies) {
        this(routes, trustedProxies, null);
    }

    /** This config with the discovery section {@code discovery}. */
    public GatewayConfig withDiscovery(DiscoveryConfig discovery) {
        return new GatewayConfig(routes, trustedProxies, discovery);
    }

    /** A config with {@code routes} and no trusted proxies. */
    public static GatewayConfig of(RouteConfig... routes) {
        return new GatewayConfig(List.of(routes), List.of());
    }
}
