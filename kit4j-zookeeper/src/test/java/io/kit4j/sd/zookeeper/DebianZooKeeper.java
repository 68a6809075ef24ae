package io.kit4j.sd.zookeeper;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's ZooKeeper server (package {@code zookeeperd}, ZooKeeper 3.8) run as a separate process:
 * {@code java -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar ZooKeeperServerMain zoo.cfg} on a free
 * port of 127.0.0.1, with its own data directory, no admin server, ready once {@code srvr} reports its
 * mode. Fails (never skips) when the package is not installed; {@code bin/test} installs it.
 */
final class DebianZooKeeper implements AutoCloseable {
    static final Path JAR = Path.of("/usr/share/java/zookeeper.jar");
    static final Path CONF = Path.of("/etc/zookeeper/conf");

    private final Path dir;
    private final int port;
    private Process process;

    private DebianZooKeeper(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server keeping its files under {@code dir}. */
    static DebianZooKeeper start(Path dir) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            fail("Debian's ZooKeeper server is not installed (" + JAR + " is missing). These tests run the real "
                    + "server; bin/test installs it as root with 'apt-get install -y --no-install-recommends zookeeperd'.");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DebianZooKeeper zk = new DebianZooKeeper(dir, port);
        zk.launch();
        return zk;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Kills the server with SIGKILL and waits for it to be gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the ZooKeeper server (pid " + process.pid() + ") did not die");
            }
        }
    }

    /** Starts the server again on the same port; with {@code wipeData} its data (and so its sessions) are gone. */
    void restart(boolean wipeData) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is running");
        }
        if (wipeData) {
            delete(dir.resolve("data"));
        }
        launch();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void launch() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, String.join("\n",
                "tickTime=2000",
                "dataDir=" + data,
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "admin.enableServer=false",
                "4lw.commands.whitelist=srvr",
                "maxClientCnxns=0",
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", CONF + ":" + JAR,
                "org.apache.zookeeper.server.ZooKeeperServerMain", cfg.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("zookeeper.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!serving()) {
            if (!process.isAlive()) {
                fail("the ZooKeeper server exited with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve("zookeeper.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the ZooKeeper server did not serve on " + connectString() + " within 60 s");
            }
            Await.sleep(50);
        }
    }

    /** True when the server answers {@code srvr} with its mode (it may answer {@code ruok} before it serves). */
    private boolean serving() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode: standalone");
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
