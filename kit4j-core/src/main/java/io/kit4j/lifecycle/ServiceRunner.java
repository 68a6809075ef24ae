package io.kit4j.lifecycle;

import io.kit4j.log.Logger;
import io.kit4j.sd.Registrar;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of a service process, in the order that loses no request: the servers listen, then the
 * instance is {@linkplain #register registered}; on {@link #stop()} (SIGTERM or SIGINT with
 * {@link #runUntilSignal()}) it is deregistered first, keeps serving for a grace period while clients
 * see it leave, then the servers stop accepting and drain, then the rest closes, in reverse order of
 * adding.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder().port(8082).handler(router).build().start();
 * ServiceRunner.create(logger)
 *         .closeOnStop("http", server)
 *         .register(registry.registrar(ServiceInstance.of("userservice", "127.0.0.1", server.port())
 *                 .withHealthCheck(HealthCheck.http("/health"))))
 *         .runUntilSignal();   // exits 0 after a clean stop
 * }</pre>
 */
public final class ServiceRunner {
    private final Logger logger;
    private final Deque<Named> closers = new ArrayDeque<>();
    private final List<Registrar> registrars = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Duration deregisterGrace = Duration.ofMillis(500);
    private AutoCloseable last;

    private record Named(String what, AutoCloseable closer) {
    }

    private ServiceRunner(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** A runner logging its steps to {@code logger}. */
    public static ServiceRunner create(Logger logger) {
        return new ServiceRunner(logger);
    }

    /**
     * How long the instance keeps serving between deregistering and stopping its servers, so clients
     * watching the registry stop sending to it first; default 500 ms. Zero skips the wait.
     */
    public ServiceRunner deregisterGrace(Duration grace) {
        if (Objects.requireNonNull(grace, "grace").isNegative()) {
            throw new IllegalArgumentException("negative grace: " + grace);
        }
        this.deregisterGrace = grace;
        return this;
    }

    /** Closes {@code closer} on stop, after deregistering; later additions close first. */
    public ServiceRunner closeOnStop(String what, AutoCloseable closer) {
        closers.push(new Named(Objects.requireNonNull(what, "what"), Objects.requireNonNull(closer, "closer")));
        return this;
    }

    /**
     * Closes {@code closer} at the very end, after the runner's last log line: the log output itself,
     * typically.
     */
    public ServiceRunner closeLast(AutoCloseable closer) {
        this.last = Objects.requireNonNull(closer, "closer");
        return this;
    }

    /** Registers now (add the servers first: they should listen already) and deregisters first on stop. */
    public ServiceRunner register(Registrar registrar) {
        Objects.requireNonNull(registrar, "registrar");
        registrar.register();
        registrars.add(registrar);
        logger.log("event", "registered");
        return this;
    }

    /**
     * Stops once: deregisters, waits the grace period, closes what was added in reverse order. Failures
     * are logged and the stop goes on. Later calls wait for the first to finish.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            logger.log("event", "stopping");
            for (Registrar r : registrars) {
                try {
                    r.deregister();
                } catch (RuntimeException e) {
                    logger.log("event", "deregister failed", "err", e);
                }
            }
            if (!registrars.isEmpty()) {
                logger.log("event", "deregistered", "grace", deregisterGrace.toString());
                if (!deregisterGrace.isZero()) {
                    sleep(deregisterGrace);
                }
            }
            while (!closers.isEmpty()) {
                Named n = closers.pop();
                try {
                    n.closer().close();
                } catch (Exception e) {
                    logger.log("event", "close failed", "what", n.what(), "err", e);
                }
            }
            logger.log("event", "stopped");
            if (last != null) {
                try {
                    last.close();
                } catch (Exception e) {
                    System.err.println("kit4j: closing " + last + " failed: " + e);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** True once {@link #stop()} has finished. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Stops on SIGTERM or SIGINT and then exits the process with status 0 ({@link Shutdown}); blocks the
     * caller until then.
     */
    public void runUntilSignal() {
        Shutdown.onSignal(this::stop);
        awaitStopped();
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
