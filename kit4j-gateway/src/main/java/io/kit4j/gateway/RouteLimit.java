package io.kit4j.gateway;

import io.kit4j.auth.jwt.JwtException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.log.Logger;
import io.kit4j.metrics.Counter;
import io.kit4j.ratelimit.KeyedLimiter;
import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.redis.RedisLimiter;
import io.kit4j.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A route's rate limit: a token bucket per client, per token subject, or one for the route. Stored
 * {@code local}ly in kit4j's {@link KeyedLimiter} (this gateway process only; idle keys evicted, at most
 * 100 000 kept; {@code Retry-After} the time one token takes), or in {@code redis} through kit4j-redis's
 * {@link RedisLimiter} (shared by every gateway on that Redis; {@code Retry-After} the time until a token
 * is there; while Redis does not answer, admitted or 503 as the routes file's {@code redis.failOpen}
 * says). A request beyond it is refused with 429 {@code resource_exhausted} before any upstream is called.
 */
final class RouteLimit {
    /** What a bucket is per. */
    enum Key {
        CLIENT, ROUTE, SUBJECT
    }

    private final RouteConfig.RateLimitConfig config;
    private final String routeId;
    private final Key key;
    private final int burst;
    private final KeyedLimiter<String> local;
    private final RedisLimiter redis;
    private final String retryAfterSeconds;

    private RouteLimit(RouteConfig.RateLimitConfig config, String routeId, Key key, int burst,
            KeyedLimiter<String> local, RedisLimiter redis, long retryAfterSeconds) {
        this.config = config;
        this.routeId = routeId;
        this.key = key;
        this.burst = burst;
        this.local = local;
        this.redis = redis;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    /**
     * The limit {@code c} of route {@code routeId} describes; {@code store} is the routes file's Redis (null:
     * none), {@code hasJwt} whether the route verifies a token. An invalid setting is an
     * {@link IllegalArgumentException}. A Redis limit is usable once {@link #bind bound} to the store.
     */
    static RouteLimit of(RouteConfig.RateLimitConfig c, String routeId, boolean hasJwt, RedisStore.Settings store,
            Clock clock) {
        if (c.perSecond() == null || !(c.perSecond() > 0) || c.perSecond().isInfinite()) {
            throw new IllegalArgumentException("rateLimit.perSecond must be a positive number");
        }
        int burst = c.burst() != null ? c.burst() : (int) Math.max(1, Math.ceil(c.perSecond()));
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimit.burst must be at least 1");
        }
        Key key = switch (c.key() == null ? "client" : c.key().trim().toLowerCase(Locale.ROOT)) {
            case "client" -> Key.CLIENT;
            case "route" -> Key.ROUTE;
            case "subject" -> Key.SUBJECT;
            default -> throw new IllegalArgumentException("rateLimit.key must be client, route or subject, not " + c.key());
        };
        if (key == Key.SUBJECT && !hasJwt) {
            throw new IllegalArgumentException("rateLimit.key subject needs the route's jwt check (the token's sub is the key)");
        }
        String storeName = c.store() == null ? "local" : c.store().trim().toLowerCase(Locale.ROOT);
        long retryAfter = (long) Math.max(1, Math.ceil(1 / c.perSecond()));
        switch (storeName) {
            case "local" -> {
                KeyedLimiter<String> limiter = KeyedLimiter.<String>builder(Limit.of(c.perSecond()), burst)
                        .clock(clock).maxKeys(100_000).build();
                return new RouteLimit(c, routeId, key, burst, limiter, null, retryAfter);
            }
            case "redis" -> {
                if (store == null) {
                    throw new IllegalArgumentException("rateLimit.store redis needs a top-level redis section (redis: {uri: redis://host:port})");
                }
                return new RouteLimit(c, routeId, key, burst, null, null, retryAfter);
            }
            default -> throw new IllegalArgumentException("rateLimit.store must be local or redis, not " + c.store());
        }
    }

    /** True when the limit is per token subject, so the token is checked first. */
    boolean bySubject() {
        return key == Key.SUBJECT;
    }

    /** True when the buckets live in Redis (never reused across reloads: the state is in Redis anyway). */
    boolean shared() {
        return local == null;
    }

    /** This limit, ready: a local one as it is, a Redis one with its limiter on {@code store}. */
    RouteLimit bind(RedisStore store, Logger logger, Counter degraded) {
        if (!shared()) {
            return this;
        }
        RedisLimiter limiter = store.limiter(routeId, config.perSecond(), burst, logger, degraded);
        return new RouteLimit(config, routeId, key, burst, null, limiter, Long.parseLong(retryAfterSeconds));
    }

    /**
     * Takes a token of the bucket of {@code client} or {@code subject} (whichever the limit is per), or
     * throws the 429 (or, for a Redis limit that fails closed while Redis is away, the 503).
     */
    void admit(String client, String subject) {
        String k = switch (key) {
            case CLIENT -> "c:" + client;
            case ROUTE -> "r";
            case SUBJECT -> {
                if (subject == null || subject.isEmpty()) {
                    throw JwtException.of(JwtException.Kind.INVALID_CLAIMS,
                            "the route's rate limit is per subject and the token has no sub");
                }
                yield "s:" + subject;
            }
        };
        if (redis != null) {
            redis.check(k);
        } else if (!local.allow(k)) {
            throw new KitError(ErrorCode.RESOURCE_EXHAUSTED, "rate limit exceeded",
                    Map.of("Retry-After", List.of(retryAfterSeconds)), null);
        }
    }

    /** The admin view: the settings, and for a Redis limit whether Redis answers. */
    Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("perSecond", config.perSecond());
        out.put("burst", burst);
        out.put("key", key.name().toLowerCase(Locale.ROOT));
        out.put("store", redis != null ? "redis" : "local");
        if (redis != null) {
            out.put("storeAvailable", !redis.redisDown());
        }
        return out;
    }
}
