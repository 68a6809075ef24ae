package io.kit4j.gateway;

import io.kit4j.log.Logger;
import io.kit4j.metrics.Counter;
import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.redis.RedisClients;
import io.kit4j.ratelimit.redis.RedisLimiter;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * The routes file's {@link RedisConfig}, validated, and the one pooled client that every Redis-backed route
 * limit of the gateway uses. A reload with the same settings keeps it; other settings open a new one and
 * the gateway closes the old one. Opening connects nowhere yet (connections are made on first use), so
 * an unreachable Redis never fails a reload, only the failure policy of the limits applies.
 */
final class RedisStore implements AutoCloseable {
    /** Every bucket key of the gateway starts with it: {@code kit4j:gw:rl:<route>:<key>}. */
    static final String PREFIX = "kit4j:gw:rl:";

    private final Settings settings;
    private final RedisClient jedis;

    /** The validated settings, compared across reloads. */
    record Settings(URI uri, boolean failOpen, Duration timeout) {

        /** Validates {@code c}; an invalid setting is an {@link IllegalArgumentException} saying which. */
        static Settings of(RedisConfig c) {
            if (c.uri() == null || c.uri().isBlank()) {
                throw new IllegalArgumentException("redis.uri is required, such as redis://127.0.0.1:6379");
            }
            URI uri;
            try {
                uri = URI.create(c.uri().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("redis.uri is not a URI: " + c.uri());
            }
            if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw new IllegalArgumentException("redis.uri must be redis://host:port or rediss://host:port, not "
                        + redacted(uri));
            }
            Duration timeout = c.timeout() == null ? Duration.ofMillis(100) : RoutesFile.duration(c.timeout(), "redis.timeout");
            if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("redis.timeout must be positive and at most 1m");
            }
            return new Settings(uri, c.failOpen() == null || c.failOpen(), timeout);
        }

        @Override
        public String toString() {
            return redacted(uri) + " failOpen=" + failOpen + " timeout=" + timeout.toMillis() + "ms";
        }
    }

    private RedisStore(Settings settings) {
        this.settings = settings;
        this.jedis = RedisClients.pooled(settings.uri, settings.timeout);
    }

    /** A store for {@code settings}: {@code current} when it has the same settings, else a new one. */
    static RedisStore reuseOrOpen(RedisStore current, Settings settings) {
        return current != null && current.settings.equals(settings) ? current : new RedisStore(settings);
    }

    Settings settings() {
        return settings;
    }

    /** A limiter whose buckets are {@code kit4j:gw:rl:<route>:<key>}, failing as the settings say. */
    RedisLimiter limiter(String routeId, double perSecond, int burst, Logger logger, Counter degraded) {
        return RedisLimiter.builder(jedis, Limit.of(perSecond), burst)
                .prefix(PREFIX + escape(routeId) + ":")
                .failOpen(settings.failOpen)
                .logger(logger.with("route", routeId))
                .degraded(degraded.with("route", routeId))
                .build();
    }

    /** A route id with {@code %} and {@code :} escaped, so that no two routes' keys can meet. */
    static String escape(String routeId) {
        return routeId.replace("%", "%25").replace(":", "%3A");
    }

    private static String redacted(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    @Override
    public void close() {
        jedis.close();
    }
}
