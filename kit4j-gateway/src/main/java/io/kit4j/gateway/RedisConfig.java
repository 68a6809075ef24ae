package io.kit4j.gateway;

/**
 * The Redis that holds the buckets of the routes whose rate limit says {@code store: redis}, shared by every
 * gateway instance using it (kit4j-redis's {@link io.kit4j.ratelimit.redis.RedisLimiter}); {@code null}
 * fields take the defaults.
 *
 * @param uri {@code redis://[user:password@]host:port[/db]} or {@code rediss://} (TLS); required
 * @param failOpen true (default): while Redis does not answer, requests are admitted (the outage is logged
 *     once per route); false: they get 503 {@code unavailable}
 * @param timeout the longest wait for a connection or an answer, such as {@code 100ms}; default 100ms
 */
public record RedisConfig(String uri, Boolean failOpen, String timeout) {
}
