package io.kit4j.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Zipkin server (the {@code io.zipkin:zipkin-server} exec jar that the build copies to
 * {@code target/zipkin/}) in its own JVM on 127.0.0.1 and a free port, with in-memory storage; started
 * and awaited through {@code /health}, stopped by {@link #close()}.
 */
final class ZipkinServer implements AutoCloseable {
    static final Path JAR = Path.of("target", "zipkin", "zipkin-server-exec.jar");
    static final Duration START_WAIT = Duration.ofSeconds(180);
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final URI base;

    private ZipkinServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts Zipkin with its log in {@code dir}; fails with a clear message when the jar is missing. */
    static ZipkinServer start(Path dir) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("the Zipkin server jar is missing at " + JAR.toAbsolutePath() + ". The build copies "
                    + "io.zipkin:zipkin-server:3.6.1:jar:exec there at generate-test-resources (maven-dependency-plugin in "
                    + "kit4j-examples/pom.xml); run the tests through Maven (bin/test or mvn -pl kit4j-examples -am verify).");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String lastLog = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = ServerProcesses.freePort();
            Path logFile = dir.resolve("zipkin-" + attempt + ".log");
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", JAR.toAbsolutePath().toString(),
                    "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
                    "--armeria.ports[0].protocols[0]=http")
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            ZipkinServer z = new ZipkinServer(p, logFile, URI.create("http://127.0.0.1:" + port));
            if (z.awaitHealthy()) {
                return z;
            }
            lastLog = z.logTail();
            z.close();
            if (!lastLog.contains("Address already in use")) {
                break;
            }
        }
        throw new AssertionError("Zipkin did not become healthy within " + START_WAIT + "; its log:\n" + lastLog);
    }

    /** The base URI, {@code http://127.0.0.1:port}. */
    URI base() {
        return base;
    }

    /** GET {@code path} on Zipkin. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = get("/health");
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    String logTail() {
        return ServerProcesses.logTail(log, 40);
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }
}
