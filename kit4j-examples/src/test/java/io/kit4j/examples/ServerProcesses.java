package io.kit4j.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tests that run a real server process (Prometheus, Zipkin, the {@code kit4j} commands) share:
 * ports, starting a {@code kit4j} command, waiting for a log line, log tails, stopping.
 */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** A port free on 127.0.0.1 now (the server may still lose it to another process: callers retry). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A {@code kit4j} command ({@link Kit4jCommand} on this test's class path), stderr merged into stdout. */
    static ProcessBuilder kit4j(String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                Kit4jCommand.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /**
     * Waits (up to 60 s, while {@code process} lives) for {@code log} to hold a match of {@code regex} and
     * returns its first group; fails with the log's tail when none comes.
     */
    static String awaitLog(Process process, Path log, String regex) throws IOException, InterruptedException {
        Matcher m = Pattern.compile(regex).matcher("");
        for (int i = 0; i < 600 && process.isAlive(); i++) {
            m.reset(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        m.reset(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
            return m.group(1);
        }
        throw new AssertionError("no log line matching " + regex + ": " + logTail(log, 40));
    }

    /** The last {@code lines} lines of {@code log}, for failure messages. */
    static String logTail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, up to 20 s to exit, then SIGKILL. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
