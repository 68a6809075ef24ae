package io.kit4j.benchmarks;

import io.kit4j.ratelimit.Limit;
import io.kit4j.ratelimit.redis.Decision;
import io.kit4j.ratelimit.redis.RedisClients;
import io.kit4j.ratelimit.redis.RedisLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.RedisClient;

/**
 * One decision of kit4j-redis's {@link RedisLimiter} (one {@code EVALSHA} of the token bucket script) next
 * to a plain {@code GET} on the same client and server, in the same run: what the script costs over a
 * bare round trip. Starts its own {@code redis-server} (Debian's, on a free 127.0.0.1 port, no
 * persistence) and stops it after. 1e6 tokens per second with a burst of 1e6: every decision takes a token
 * and writes the bucket.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisLimiterBenchmark {
    private Process server;
    private Path dir;
    private RedisClient jedis;
    private RedisLimiter limiter;

    @Setup(Level.Trial)
    public void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("kit4j-redis-bench-");
        server = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        jedis = RedisClients.pooled(URI.create("redis://127.0.0.1:" + port), Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                jedis.set("plain", "value");
                break;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("redis-server did not start: see " + dir.resolve("redis.log"));
                }
                Thread.sleep(20);
            }
        }
        limiter = RedisLimiter.builder(jedis, Limit.of(1e6), 1_000_000).build();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        jedis.close();
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(dir.resolve("redis.log"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Decision limiterAllow() {
        return limiter.allowN("bench", 1);
    }

    @Benchmark
    public String plainGet() {
        return jedis.get("plain");
    }
}
