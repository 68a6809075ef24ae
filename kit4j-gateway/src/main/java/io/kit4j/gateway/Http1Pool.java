package io.kit4j.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keep-alive HTTP/1.1 connections to one upstream instance ({@code host:port}) for the gateway's
 * blocking upstream path ({@link Http1Connection}): plain {@link Socket}s, used by one request's virtual
 * thread at a time, which parks on their blocking I/O. An idle connection is reused most recent first; one
 * idle for longer than {@link #MAX_IDLE_NANOS} is closed instead (before the upstream's own idle timeout
 * is likely to close it under a request), and at most {@link #MAX_IDLE} are kept. There is no cap on the
 * connections in use: each is one request in flight (bounded by the server's and the breaker's limits).
 */
final class Http1Pool implements AutoCloseable {
    /** The most idle connections kept per instance. */
    static final int MAX_IDLE = 1024;
    /** How long a connection may stay idle before it is closed rather than reused. */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** The longest wait for a new connection. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String instance;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** A pool for {@code instance} ({@code host:port}); an invalid one is an {@link IllegalArgumentException}. */
    Http1Pool(String instance) {
        URI u = URI.create("http://" + instance);
        if (u.getHost() == null || u.getPort() < 1) {
            throw new IllegalArgumentException("instance is not host:port: " + instance);
        }
        this.instance = instance;
        this.host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        this.port = u.getPort();
        this.hostHeader = port == 80 ? u.getHost() : u.getHost() + ":" + port; // as Jetty's client sends it
    }

    String instance() {
        return instance;
    }

    /** The Host header of requests to this instance. */
    String hostHeader() {
        return hostHeader;
    }

    /** An idle connection to reuse, or null when there is none. */
    Http1Connection pooled() {
        long now = System.nanoTime();
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (now - c.idleSince() < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** A new connection, waiting at most {@code millis} (and {@link #CONNECT_TIMEOUT_MILLIS}) for it. */
    Http1Connection open(long millis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(millis, CONNECT_TIMEOUT_MILLIS)));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new Http1Connection(this, s);
    }

    /** Takes back {@code c}, whose last exchange ended cleanly, for reuse (or closes it). */
    void release(Http1Connection c) {
        long now = System.nanoTime();
        c.idleSince(now);
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            c.close();
            return;
        }
        idle.offerFirst(c);
        if (closed) {
            drain();
        }
        Http1Connection oldest = idle.peekLast(); // close the stalest: an idle upstream's sockets do not linger
        if (oldest != null && now - oldest.idleSince() >= MAX_IDLE_NANOS && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
    }

    /** Closes the idle connections; those in use close when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            c.close();
        }
    }
}
