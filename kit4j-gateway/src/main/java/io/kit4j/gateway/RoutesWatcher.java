package io.kit4j.gateway;

import io.kit4j.log.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keeps a {@link Gateway}'s routes in step with a routes file: reads it at start (an invalid file then is
 * an error), then every {@code interval} reads it again and, when its bytes changed, parses and applies
 * it. A file that does not parse or does not validate leaves the routes in force, is logged with the
 * reason and shows in the admin view ({@link Gateway#rejected}); the next change is tried again. An
 * empty (or blank) file is taken for one caught mid-write — most writers truncate, then write — and is
 * looked at again on the next round: to remove every route, write {@code routes: []}.
 *
 * <p>Polling the content, not file-system events: it works the same on every file system, with editors
 * that write a new file and rename it, and with mounted config maps whose symbolic links are swapped.
 */
public final class RoutesWatcher implements AutoCloseable {
    private final Path file;
    private final Gateway gateway;
    private final Duration interval;
    private final Logger logger;
    private final Thread thread;
    private volatile boolean closed;
    private byte[] last;

    private RoutesWatcher(Path file, Gateway gateway, Duration interval, Logger logger) {
        this.file = file;
        this.gateway = gateway;
        this.interval = interval;
        this.logger = logger;
        this.thread = Thread.ofVirtual().name("kit4j-gateway-routes").unstarted(this::loop);
    }

    /**
     * Applies {@code file} to {@code gateway} now (throwing when it cannot be read or is invalid), then
     * watches it every {@code interval}.
     */
    public static RoutesWatcher start(Path file, Gateway gateway, Duration interval, Logger logger) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(gateway, "gateway");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        RoutesWatcher w = new RoutesWatcher(file, gateway, interval, Objects.requireNonNull(logger, "logger"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read routes file " + file + ": " + e.getMessage(), e);
        }
        gateway.apply(RoutesFile.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        w.last = bytes;
        logger.log("msg", "routes loaded", "file", file.toString(), "routes", gateway.routeIds().size());
        w.thread.start();
        return w;
    }

    /** Checks the file once: applies it when it changed; returns true when new routes were applied. */
    boolean check() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            if (last != null) { // report a vanished file once, keep the routes
                logger.log("msg", "routes file unreadable, keeping the routes in force", "file", file.toString(),
                        "err", e.toString());
                gateway.rejected("cannot read " + file + ": " + e);
                last = null;
            }
            return false;
        }
        if (Arrays.equals(bytes, last)) {
            return false;
        }
        if (isBlank(bytes)) {
            return false; // caught between a writer's truncation and its write: look again next time
        }
        last = bytes;
        try {
            gateway.apply(RoutesFile.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            logger.log("msg", "routes reloaded", "file", file.toString(), "routes", gateway.routeIds().size());
            return true;
        } catch (RuntimeException e) {
            logger.log("msg", "routes file rejected, keeping the routes in force", "file", file.toString(),
                    "err", e.getMessage());
            gateway.rejected(e.getMessage());
            return false;
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                check();
            }
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
