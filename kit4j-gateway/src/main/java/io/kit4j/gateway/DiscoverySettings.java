package io.kit4j.gateway;

import io.kit4j.log.Logger;
import io.kit4j.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@link DiscoveryConfig}: makes the routes of the services a catalog lists. A service gets
 * the route {@code registry:<name>} matching {@code <prefix><name>/**}, unless it is excluded, a file
 * route already has that id, or its name is not a plain path segment (RFC 3986 unreserved characters:
 * letters, digits, {@code -._~}), which is logged and skipped.
 */
final class DiscoverySettings {
    /** The id of a generated route is this followed by the service name. */
    static final String ID_PREFIX = "registry:";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private final DiscoveryConfig config;
    private final String prefix;
    private final int stripPrefix;
    private final Set<String> exclude;

    private DiscoverySettings(DiscoveryConfig config, String prefix, int stripPrefix, Set<String> exclude) {
        this.config = config;
        this.prefix = prefix;
        this.stripPrefix = stripPrefix;
        this.exclude = exclude;
    }

    /**
     * The settings {@code c} describes, or null when discovery is off (no section, or {@code enabled:
     * false}). An invalid setting, or discovery without a registry, is an {@link IllegalArgumentException}
     * starting with {@code discovery:}.
     */
    static DiscoverySettings of(DiscoveryConfig c, boolean hasRegistry, RedisStore.Settings redis, Clock clock) {
        if (c == null || Boolean.FALSE.equals(c.enabled())) {
            return null;
        }
        try {
            if (!hasRegistry) {
                throw new IllegalArgumentException("routes from the registry need a registry (start the gateway with one)");
            }
            String prefix = c.prefix() == null ? "/" : c.prefix().trim();
            if (!prefix.startsWith("/") || prefix.contains("*") || prefix.contains("?") || prefix.contains("#")
                    || prefix.contains("//")) {
                throw new IllegalArgumentException("prefix must be a path starting with /, such as /services/: " + c.prefix());
            }
            if (!prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            int segments = (int) java.util.Arrays.stream(prefix.split("/")).filter(s -> !s.isEmpty()).count();
            int strip = c.stripPrefix() == null ? segments + 1 : c.stripPrefix();
            if (strip < 0) {
                throw new IllegalArgumentException("stripPrefix must be 0 or more");
            }
            DiscoverySettings s = new DiscoverySettings(c, prefix, strip,
                    c.exclude() == null ? Set.of() : Set.copyOf(c.exclude()));
            // Checks the settings every generated route shares, before any service needs them.
            RouteConfig sample = s.route("sample");
            Route.Settings.of(sample);
            Balancing.parse(sample.lb());
            Gateway.breakerSettings(sample.breaker());
            if (sample.rateLimit() != null) {
                RouteLimit.of(sample.rateLimit(), sample.id(), sample.jwt() != null, redis, clock);
            }
            if (sample.jwt() != null) {
                RouteAuth.of(sample.jwt(), clock);
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("discovery: " + e.getMessage(), e);
        }
    }

    /**
     * The routes of {@code services} (sorted by name, as the catalog gives them), leaving out excluded
     * names, names that are no path segment (logged) and ids in {@code takenIds}.
     */
    List<RouteConfig> routes(List<String> services, Set<String> takenIds, Logger logger) {
        List<RouteConfig> out = new ArrayList<>();
        for (String name : services) {
            if (exclude.contains(name) || takenIds.contains(ID_PREFIX + name)) {
                continue;
            }
            if (!SEGMENT.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                logger.log("msg", "service name is not a plain path segment; no route made", "service", name);
                continue;
            }
            out.add(route(name));
        }
        return out;
    }

    private RouteConfig route(String service) {
        return new RouteConfig(ID_PREFIX + service, prefix + service + "/**", null, null, service, null, stripPrefix,
                null, config.lb(), config.timeout(), config.attempts(), config.retryMethods(), config.retryOnStatus(),
                config.breaker(), config.rateLimit(), config.jwt(), null, null);
    }
}
