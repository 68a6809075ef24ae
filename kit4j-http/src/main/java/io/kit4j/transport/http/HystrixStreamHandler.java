package io.kit4j.transport.http;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.HystrixStreamJson;
import io.kit4j.circuitbreaker.Snapshot;
import io.kit4j.context.Context;
import io.kit4j.errors.KitError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The Hystrix dashboard's {@code hystrix.stream}: a Server-Sent-Events answer that sends, every interval
 * (500 ms by default), one {@code data: {...}} event per breaker of a registry, rendered by
 * {@link HystrixStreamJson}. Point the Netflix Hystrix dashboard (or Turbine) at it.
 *
 * <pre>{@code
 * router.get("/hystrix.stream", new HystrixStreamHandler(breakers));
 * }</pre>
 *
 * <p>Each client holds one request (and its virtual thread) open. The stream ends when the client goes
 * away (a write fails), when the server stops (at once, without waiting for the drain timeout), or when
 * {@link #close()} is called. With no breakers it sends an SSE comment ({@code ": ping"}) instead, so a
 * departed client is still noticed.
 */
public final class HystrixStreamHandler implements Handler, AutoCloseable {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final CircuitBreakers registry;
    private final long intervalNanos;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A stream of {@code registry}'s breakers every 500 ms. */
    public HystrixStreamHandler(CircuitBreakers registry) {
        this(registry, Duration.ofMillis(500));
    }

    /** A stream of {@code registry}'s breakers every {@code interval}. */
    public HystrixStreamHandler(CircuitBreakers registry, Duration interval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** Clients being streamed to now. */
    public int activeStreams() {
        return streams.size();
    }

    /** Ends every stream and refuses new ones (503): hystrix-go's {@code Stop}. */
    @Override
    public void close() {
        closed = true;
        for (Stream s : streams) {
            s.wake();
        }
    }

    @Override
    public void handle(Context ctx, ServerRequest request, ServerResponse response) throws Exception {
        if (closed) {
            throw KitError.unavailable("hystrix stream closed");
        }
        response.status(200)
                .contentType("text/event-stream;charset=UTF-8")
                .header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                .header("Pragma", "no-cache");
        if ("HEAD".equals(request.method())) {
            return;
        }
        Stream stream = new Stream(Thread.currentThread());
        Server server = request.unwrap().getConnectionMetaData().getConnector().getServer();
        LifeCycle.Listener onStop = new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                stream.wake();
            }
        };
        streams.add(stream);
        server.addEventListener(onStop);
        request.unwrap().addFailureListener(failure -> stream.wake());
        try {
            response.flush();
            while (!closed && !stream.done && server.isRunning()) {
                List<Snapshot> snapshots = registry.snapshots();
                if (snapshots.isEmpty()) {
                    response.write(PING);
                }
                for (Snapshot s : snapshots) {
                    response.write(DATA);
                    response.write(HystrixStreamJson.command(s).getBytes(StandardCharsets.UTF_8));
                    response.write(END);
                }
                response.flush();
                stream.pause(intervalNanos);
            }
        } catch (IOException | UncheckedIOException gone) {
            // the client went away: nothing left to answer
        } finally {
            server.removeEventListener(onStop);
            streams.remove(stream);
        }
    }

    /** One client's stream: its thread and whether it should end. */
    private static final class Stream {
        private final Thread thread;
        private volatile boolean done;

        Stream(Thread thread) {
            this.thread = thread;
        }

        void wake() {
            done = true;
            LockSupport.unpark(thread);
        }

        void pause(long nanos) {
            long begin = System.nanoTime();
            while (!done) {
                long left = nanos - (System.nanoTime() - begin);
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.currentThread().isInterrupted()) {
                    done = true;
                }
            }
        }
    }
}
