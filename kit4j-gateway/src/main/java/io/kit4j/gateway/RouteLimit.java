package io.kit4j.gateway;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.ratelimit.KeyedLimiter;
import io.kit4j.ratelimit.Limit;
import io.kit4j.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A route's rate limit: a token bucket per client (or one for the route) from kit4j's
 * {@link KeyedLimiter}, local to this gateway process (idle clients are evicted, at most 100 000 kept).
 * A request beyond it is refused with 429 {@code resource_exhausted} and a {@code Retry-After} of the
 * time one token takes, before any upstream is called.
 */
final class RouteLimit {
    private final KeyedLimiter<String> limiter;
    private final boolean perClient;
    private final String retryAfterSeconds;

    private RouteLimit(KeyedLimiter<String> limiter, boolean perClient, long retryAfterSeconds) {
        this.limiter = limiter;
        this.perClient = perClient;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    /** The limit {@code c} describes; an invalid setting is an {@link IllegalArgumentException}. */
    static RouteLimit of(RouteConfig.RateLimitConfig c, Clock clock) {
        if (c.perSecond() == null || !(c.perSecond() > 0) || c.perSecond().isInfinite()) {
            throw new IllegalArgumentException("rateLimit.perSecond must be a positive number");
        }
        int burst = c.burst() != null ? c.burst() : (int) Math.max(1, Math.ceil(c.perSecond()));
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimit.burst must be at least 1");
        }
        String key = c.key() == null ? "client" : c.key().trim().toLowerCase(Locale.ROOT);
        if (!key.equals("client") && !key.equals("route")) {
            throw new IllegalArgumentException("rateLimit.key must be client or route, not " + c.key());
        }
        KeyedLimiter<String> limiter = KeyedLimiter.<String>builder(Limit.of(c.perSecond()), burst)
                .clock(clock).maxKeys(100_000).build();
        return new RouteLimit(limiter, key.equals("client"), (long) Math.max(1, Math.ceil(1 / c.perSecond())));
    }

    /** Takes a token for {@code client}, or throws the 429. */
    void admit(String client) {
        if (!limiter.allow(perClient ? client : "")) {
            throw new KitError(ErrorCode.RESOURCE_EXHAUSTED, "rate limit exceeded",
                    Map.of("Retry-After", List.of(retryAfterSeconds)), null);
        }
    }
}
