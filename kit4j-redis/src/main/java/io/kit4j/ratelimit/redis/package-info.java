/**
 * Rate limits shared by every process through Redis: {@link io.kit4j.ratelimit.redis.RedisLimiter}, a token
 * bucket per key with the semantics of golang.org/x/time/rate's {@code AllowN} and {@code ReserveN}, decided
 * atomically by one Lua script on the Redis server (on the server's clock), with a bounded wait and a
 * chosen answer (admit or refuse) when Redis does not answer. {@link io.kit4j.ratelimit.redis.RedisClients}
 * makes a Jedis client with short timeouts for it.
 */
package io.kit4j.ratelimit.redis;
