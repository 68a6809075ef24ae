package io.kit4j.gateway;

import java.util.List;

/**
 * What a routes file holds: the routes, first match wins, and the proxies whose forwarding headers are
 * believed.
 *
 * @param routes the routes in matching order
 * @param trustedProxies IP literals and CIDR blocks of proxies in front of the gateway; none by default
 */
public record GatewayConfig(List<RouteConfig> routes, List<String> trustedProxies) {

    /** Copies the lists; null stands for none. */
    public GatewayConfig {
        routes = routes == null ? List.of() : List.copyOf(routes);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** A config with {@code routes} and no trusted proxies. */
    public static GatewayConfig of(RouteConfig... routes) {
        return new GatewayConfig(List.of(routes), List.of());
    }
}
