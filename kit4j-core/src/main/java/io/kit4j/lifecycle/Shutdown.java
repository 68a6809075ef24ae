package io.kit4j.lifecycle;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * An orderly stop on SIGTERM or SIGINT: the stop action runs once (deregister, stop accepting, drain),
 * then the process exits with status 0 — a clean stop, where the JVM's default answer to SIGTERM is
 * status 143. A second signal during the stop is ignored; a failing stop action exits with status 1.
 */
public final class Shutdown {
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Shutdown() {
    }

    /** Installs handlers for TERM and INT that run {@code stop} and exit. Call it once, at start-up. */
    public static void onSignal(Runnable stop) {
        Objects.requireNonNull(stop, "stop");
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!STOPPING.compareAndSet(false, true)) {
                    return;
                }
                Thread.ofPlatform().name("kit4j-shutdown").start(() -> {
                    int status = 0;
                    try {
                        stop.run();
                    } catch (RuntimeException | Error e) {
                        System.err.println("kit4j: stop failed: " + e);
                        status = 1;
                    }
                    System.exit(status);
                });
            });
        }
    }
}
