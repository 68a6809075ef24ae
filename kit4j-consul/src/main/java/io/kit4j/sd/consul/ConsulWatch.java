package io.kit4j.sd.consul;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.log.Logger;
import io.kit4j.sd.Event;
import io.kit4j.sd.lb.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * A loop of Consul blocking queries with go-kit's index and backoff rules, handing each answer's list to
 * a sink as an {@link Event}: the machinery under {@link ConsulInstancer} (health of one service) and
 * {@link ConsulCatalog} (the catalog's service names). The rules are written down in
 * {@link ConsulInstancer}'s documentation.
 */
final class ConsulWatch {
    /** One query: the list it gives and the {@code X-Consul-Index} it came with. */
    record Answer(List<String> items, long index) {
    }

    /** Asks Consul, blocking until the result's index passes {@code index} (0: at once). */
    @FunctionalInterface
    interface Query {
        Answer ask(long index) throws Exception;
    }

    private final Query query;
    private final Consumer<Event> sink;
    private final Logger logger;
    private final String counted;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Cancellable stopScope = Context.background().withCancel();
    private volatile boolean stopped;
    private volatile Thread thread;

    /** A watch; {@code counted} is the log key of the first read's size ({@code instances}, {@code services}). */
    ConsulWatch(Query query, Consumer<Event> sink, Logger logger, String counted, Sleeper sleeper, DoubleSupplier random) {
        this.query = query;
        this.sink = sink;
        this.logger = logger;
        this.counted = counted;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Reads once at once (the result or the error goes to the sink), then loops on a virtual thread. */
    void start(String threadName) {
        long index = initialFetch();
        Thread t = Thread.ofVirtual().name(threadName).unstarted(() -> loop(index));
        thread = t;
        t.start();
    }

    /** Ends the loop and aborts the query in flight. Idempotent. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopScope.cancel();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean isStopped() {
        return stopped;
    }

    /** Waits up to {@code timeout} for the loop thread to end after {@link #stop()}; true if it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread t = thread;
        return t == null || t.join(timeout);
    }

    private long initialFetch() {
        try {
            Answer a = query.ask(0);
            logger.log(counted, a.items().size());
            sink.accept(Event.of(a.items()));
            return a.index();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.accept(Event.error(e));
            return 0;
        } catch (Exception e) {
            logger.log("err", e);
            sink.accept(Event.error(e));
            return 0;
        }
    }

    private void loop(long startIndex) {
        long lastIndex = startIndex;
        Duration d = Exponential.INITIAL;
        while (!stopped) {
            Answer a;
            try {
                a = query.ask(lastIndex);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                logger.log("err", e);
                if (!sleep(d)) {
                    return;
                }
                d = Exponential.next(d, random);
                sink.accept(Event.error(e));
                lastIndex = 0; // not in go-kit: see ConsulInstancer
                continue;
            }
            if (a.index() == 0) {
                logger.log("err", "index is not sane");
                if (!sleep(d)) {
                    return;
                }
                d = Exponential.next(d, random);
            } else if (Long.compareUnsigned(a.index(), lastIndex) < 0) {
                logger.log("err", "index is less than previous; resetting to default");
                lastIndex = 0;
                if (!sleep(d)) {
                    return;
                }
                d = Exponential.next(d, random);
            } else {
                lastIndex = a.index();
                sink.accept(Event.of(a.items()));
                d = Exponential.INITIAL;
            }
        }
    }

    private boolean sleep(Duration d) {
        try {
            sleeper.sleep(stopScope.context(), d);
        } catch (InterruptedException e) {
            return false;
        }
        return !stopped;
    }
}
