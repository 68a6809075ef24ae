package io.kit4j.ratelimit.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server (Debian's {@code redis-server}) for one test class: a free port on 127.0.0.1, no
 * persistence, a temporary directory; started before the class and killed and deleted after it, also when
 * tests fail. Fails, never skips, when the binary is missing. Can be killed, paused (SIGSTOP: a hung
 * server), resumed and started again on the same port. Public, with its package, for kit4j-gateway's tests
 * (kit4j-redis's test jar).
 *
 * <pre>{@code @RegisterExtension static final RedisServer REDIS = new RedisServer();}</pre>
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private Path dir;
    private int port;
    private Process process;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** Starts the server on a free port (the fixture's lifetime when used without JUnit; then call {@link #close}). */
    public void start() throws Exception {
        String binary = requireBinary();
        dir = Files.createTempDirectory("kit4j-redis-");
        shutdownHook = new Thread(this::kill, "kill redis-server");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before redis binds it
            port = freePort();
            try {
                launch(binary);
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    /** Kills the server and deletes its directory. */
    public void close() throws IOException {
        kill();
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            shutdownHook = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** The server's port. */
    public int port() {
        return port;
    }

    /** SIGKILL, and waits until the process is gone: connections break, the port refuses. */
    public void kill() {
        Process p = process;
        if (p != null) {
            resume(); // a stopped process dies on SIGKILL too, but a stopped one would not be reaped as fast
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP: the server keeps its port and connections but answers nothing (a hung server). */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() {
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                signal("-CONT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts a new, empty server on the same port (after {@link #kill}). */
    public void restart() throws Exception {
        launch(requireBinary());
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    private void launch(String binary) throws Exception {
        Path log = dir.resolve("redis.log");
        process = new ProcessBuilder(binary, "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "",
                "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (pong()) {
                return;
            }
            Thread.sleep(20);
        }
        kill();
        throw new AssertionError("redis-server did not answer PING within " + READY_TIMEOUT + ":\n" + tail(log));
    }

    private boolean pong() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String requireBinary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("'redis-server' not found on PATH: these tests need a real Redis. Install it with"
                + " apt-get install --no-install-recommends redis-server (bin/test does this when root).");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
