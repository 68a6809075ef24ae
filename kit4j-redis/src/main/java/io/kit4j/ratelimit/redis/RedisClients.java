package io.kit4j.ratelimit.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
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
     * A pooled client (Jedis 7's {@link RedisClient}, the successor of {@code JedisPooled}) for {@code uri}
     * ({@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS with the JDK's trust
     * store) whose connect, read and pool-borrow waits are each at most {@code timeout}: up to
     * {@value #MAX_CONNECTIONS} connections, opened on demand; no JMX registration, no {@code CLIENT SETINFO}.
     * Close it when done.
     *
     * <p>Virtual threads: Jedis's command path (socket reads and writes) holds no monitor, and commons-pool2
     * waits for a free connection on a {@code ReentrantLock} condition, so neither pins a carrier. The one
     * monitor wait is in commons-pool2's {@code create()}, taken only when the pool is at its maximum while
     * other threads are still connecting; on JDK 21 to 23 that pins the carrier for at most {@code timeout},
     * from JDK 24 on (JEP 491) it does not pin.
     */
    public static RedisClient pooled(URI uri, Duration timeout) {
        Objects.requireNonNull(uri, "uri");
        if (!JedisURIHelper.isValid(uri) || !JedisURIHelper.isRedisScheme(uri)) {
            throw new IllegalArgumentException("not a redis:// or rediss:// URI with host and port: " + uri);
        }
        int millis = timeoutMillis(timeout);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(SslOptions.defaults()); // the JDK's trust store
        }
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
        return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri)).clientConfig(config.build())
                .poolConfig(pool).build();
    }

    private static int timeoutMillis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return (int) Math.max(1, Math.min(timeout.toMillis(), 60_000));
    }
}
