package io.kit4j.sd.etcd;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd server (Debian's {@code etcd}, 3.4) for one test class: free client and peer ports on
 * 127.0.0.1, a temporary data directory, {@code --logger=zap}; started before the class and killed and
 * deleted after it, also when tests fail. Fails, never skips, when the binary is missing. Can be
 * stopped and started again on the same ports and data, and drives {@code etcdctl}.
 */
final class EtcdServer implements BeforeAllCallback, AfterAllCallback {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private Path dir;
    private int clientPort;
    private int peerPort;
    private Process process;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String etcd = requireBinary("etcd", "etcd-server");
        requireBinary("etcdctl", "etcd-client");
        dir = Files.createTempDirectory("kit4j-etcd-");
        clientPort = freePort();
        peerPort = freePort();
        while (peerPort == clientPort) {
            peerPort = freePort();
        }
        shutdownHook = new Thread(this::killQuietly, "kill etcd");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        start(etcd);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        killQuietly();
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** {@code 127.0.0.1:<client port>}. */
    String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    /** Stops etcd with SIGTERM and waits until it has exited. */
    void stop() throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts etcd again on the same ports and data directory and waits until it is healthy. */
    void restart() throws Exception {
        start(requireBinary("etcd", "etcd-server"));
    }

    /** Runs {@code etcdctl --endpoints=<this> args...}; its standard output, or an error with its output. */
    String etcdctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(requireBinary("etcdctl", "etcd-client"),
                "--endpoints=" + endpoint(), "--command-timeout=10s"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("etcdctl " + String.join(" ", args) + " hung");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("etcdctl " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private void start(String etcd) throws Exception {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        Path log = dir.resolve("etcd.log");
        process = new ProcessBuilder(etcd, "--name", "kit4j", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "kit4j=" + peer, "--logger=zap")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("etcd exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(client + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        killQuietly();
        throw new AssertionError("etcd not healthy within " + READY_TIMEOUT + ":\n" + tail(log));
    }

    private void killQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String requireBinary(String name, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("'" + name + "' not found on PATH: these tests need a real etcd. Install it with"
                + " apt-get install --no-install-recommends " + debianPackage + " (bin/test does this when root).");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
