package io.kit4j.ratelimit.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Jedis clients made for limiters: every wait is bounded, so a dead or hung Redis never holds a request
 * longer than about {@code timeout}.
 */
public final class RedisClients {
    /** Connections kept at most; enough for thousands of decisions in flight at a round trip of a few 100 µs. */
    public static final int MAX_CONNECTIONS = 128;

    private RedisClients() {
    }

    /**
     * A pooled client for {@code uri} ({@code redis://[user:password@]host:port[/db]}, or {@code rediss://}
     * for TLS) whose connect, read and pool-borrow waits are each at most {@code timeout}: up to
     * {@value #MAX_CONNECTIONS} connections, opened on demand; no JMX registration, no {@code CLIENT SETINFO}.
     * Jedis's commons-pool2 pool waits on {@code ReentrantLock} conditions and its command path holds no
     * monitor, so virtual-thread callers are not pinned while they wait for a connection or an answer.
     * Close it when done.
     */
    public static JedisPooled pooled(URI uri, Duration timeout) {
        Objects.requireNonNull(uri, "uri");
        if (!JedisURIHelper.isValid(uri) || !JedisURIHelper.isRedisScheme(uri)) {
            throw new IllegalArgumentException("not a redis:// or rediss:// URI with host and port: " + uri);
        }
        int millis = timeoutMillis(timeout);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri));
        if (JedisURIHelper.getPassword(uri) != null) {
            config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri));
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(millis));
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return new JedisPooled(JedisURIHelper.getHostAndPort(uri), config.build(), pool);
    }

    private static int timeoutMillis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return (int) Math.max(1, Math.min(timeout.toMillis(), 60_000));
    }
}
