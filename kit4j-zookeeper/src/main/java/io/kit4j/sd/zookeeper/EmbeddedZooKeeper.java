package io.kit4j.sd.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.RequestProcessor;
import org.apache.zookeeper.server.ServerCnxn;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/**
 * A real, standalone ZooKeeper server (ZooKeeper's own server classes, the version Curator brings) running
 * inside this JVM: listening on 127.0.0.1 only, on the port given or a free one, with a temporary data
 * directory that {@link #close()} deletes. No admin server and no JMX beans (so it starts fast, and
 * several can run in one JVM), for demos and tests:
 *
 * <pre>{@code
 * try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
 *      Registry registry = Registries.open(zk.uri(), logger)) { ... }
 * }</pre>
 *
 * <p>The tick is 2 s, as in ZooKeeper's sample configuration, so the server grants session timeouts from
 * 4 s to 40 s; {@link #start(int, Duration)} takes another tick. Container nodes (the service nodes Curator
 * creates) are removed once empty, checked every minute, as ZooKeeper's own launcher does.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    /** ZooKeeper's usual tick. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(2);

    private final Path dataDir;
    private final FileTxnSnapLog txnLog;
    private final Server server;
    private final ServerCnxnFactory connections;
    private final ContainerManager containers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedZooKeeper(Path dataDir, FileTxnSnapLog txnLog, Server server, ServerCnxnFactory connections,
            ContainerManager containers) {
        this.dataDir = dataDir;
        this.txnLog = txnLog;
        this.server = server;
        this.connections = connections;
        this.containers = containers;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static EmbeddedZooKeeper start() {
        return start(0, DEFAULT_TICK);
    }

    /** Starts a server on 127.0.0.1:{@code port} (0 for a free port). */
    public static EmbeddedZooKeeper start(int port) {
        return start(port, DEFAULT_TICK);
    }

    /**
     * Starts a server on 127.0.0.1:{@code port} (0 for a free port) with the tick {@code tick}; sessions may
     * last from 2 to 20 ticks.
     */
    public static EmbeddedZooKeeper start(int port, Duration tick) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        long tickMs = tick.toMillis();
        if (tickMs < 1 || tickMs > 60_000) {
            throw new IllegalArgumentException("tick must be between 1 ms and 1 min: " + tick);
        }
        Path dir = null;
        FileTxnSnapLog txnLog = null;
        Server server = null;
        ServerCnxnFactory connections = null;
        boolean started = false;
        try {
            dir = Files.createTempDirectory("kit4j-zookeeper-");
            txnLog = new FileTxnSnapLog(dir.toFile(), dir.toFile());
            server = new Server(txnLog, (int) tickMs);
            connections = new Connections();
            connections.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0, -1, false);
            connections.startup(server);
            ContainerManager containers = new ContainerManager(server.getZKDatabase(), server.firstProcessor(),
                    (int) TimeUnit.MINUTES.toMillis(1), 10_000, 0);
            containers.start();
            EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dir, txnLog, server, connections, containers);
            started = true;
            return zk;
        } catch (IOException e) {
            throw new IllegalStateException("could not start an embedded ZooKeeper on 127.0.0.1:" + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an embedded ZooKeeper", e);
        } finally {
            if (!started) { // whatever went wrong, errors included: leave no server and no directory behind
                stopQuietly(connections, server, txnLog);
                deleteQuietly(dir);
            }
        }
    }

    /** The port the server listens on. */
    public int port() {
        return connections.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, for ZooKeeper clients. */
    public String connectString() {
        return "127.0.0.1:" + port();
    }

    /** {@code zk://127.0.0.1:port}, for {@link io.kit4j.sd.Registries#open}. */
    public String uri() {
        return "zk://" + connectString();
    }

    /** The server's data directory (deleted by {@link #close()}). */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (clients lose their connection) and deletes its data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        containers.stop();
        stopQuietly(connections, server, txnLog);
        deleteQuietly(dataDir);
    }

    private static void stopQuietly(ServerCnxnFactory connections, ZooKeeperServer server, FileTxnSnapLog txnLog) {
        try {
            if (connections != null) {
                connections.shutdown();
            }
        } catch (RuntimeException ignored) {
            // the server is going away either way
        }
        try {
            if (server != null && server.isRunning()) {
                server.shutdown(true);
            }
        } catch (RuntimeException ignored) {
            // the server is going away either way
        }
        try {
            if (txnLog != null) {
                txnLog.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the directory is deleted next
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory; nothing else to do
        }
    }

    /**
     * ZooKeeper's standalone server without its JMX beans (starting the platform MBean server costs about a
     * second), opened up to hand its first request processor to the container manager.
     */
    private static final class Server extends ZooKeeperServer {
        Server(FileTxnSnapLog txnLog, int tickMs) {
            super(txnLog, tickMs, -1, -1, -1, new ZKDatabase(txnLog), "", false);
        }

        RequestProcessor firstProcessor() {
            return firstProcessor;
        }

        @Override
        protected void registerJMX() {
        }

        @Override
        protected void unregisterJMX() {
        }
    }

    /** ZooKeeper's NIO connection factory without a JMX bean per connection. */
    private static final class Connections extends NIOServerCnxnFactory {
        @Override
        public void registerConnection(ServerCnxn connection) {
        }

        @Override
        public void unregisterConnection(ServerCnxn connection) {
        }
    }
}
