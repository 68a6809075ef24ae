package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * A running HTTP server: binds a socket, runs every request on its own virtual thread through a
 * {@link Handler} (usually a {@link Router}), enforces size limits and timeouts, answers every failure with
 * a JSON error, and stops gracefully.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.builder().port(8080).handler(router).build().start()) {
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Built on Jetty 12's core API with all threads virtual. Limits: request body (default 1 MiB, 413),
 * request headers (default 8 KiB, 431), idle/read timeout (default 30 s, the connection is closed).
 * With {@link Builder#h2c(boolean)} the same port also speaks HTTP/2 cleartext (prior knowledge, or an
 * HTTP/1.1 {@code Upgrade: h2c}), under the same limits.
 * {@link #stop()} stops accepting, lets in-flight requests finish within the drain timeout, then closes.
 */
public final class HttpServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final String host;

    private HttpServer(Builder b) {
        this.host = b.host;
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("kit4j-http");
        jetty = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(b.maxRequestHeaderBytes);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ConnectionFactory http1 = new HttpConnectionFactory(config);
        if (b.h2c) {
            HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
            h2c.setStreamIdleTimeout(b.idleTimeout.toMillis());
            connector = new ServerConnector(jetty, b.acceptors, b.selectors, http1, h2c);
        } else {
            connector = new ServerConnector(jetty, b.acceptors, b.selectors, http1);
        }
        connector.setHost(b.host);
        connector.setPort(b.port);
        connector.setIdleTimeout(b.idleTimeout.toMillis());
        connector.setAcceptQueueSize(b.acceptQueueSize);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JettyJsonErrorHandler());
        jetty.setStopTimeout(b.drainTimeout.toMillis());
        jetty.setHandler(new GracefulHandler(new Adapter(b)));
    }

    /** A builder with the defaults: 127.0.0.1, a free port, 1 MiB bodies, 8 KiB headers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public HttpServer start() {
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start HTTP server on " + host + ":" + connector.getPort(), e);
        }
        return this;
    }

    /** The bound port (useful when the builder asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URI, for example {@code http://127.0.0.1:8080}. */
    public URI uri() {
        String h = host == null || host.isEmpty() || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** Stops accepting, waits for in-flight requests up to the drain timeout, then closes connections. */
    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly", e);
        }
    }

    /** Blocks until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    /** True while the server is serving. */
    public boolean isRunning() {
        return jetty.isRunning();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Options of an {@link HttpServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Handler handler;
        private long maxRequestBodyBytes = 1 << 20;
        private int maxRequestHeaderBytes = 8 << 10;
        private int responseBufferBytes = 32 << 10;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private ErrorEncoder errorEncoder = JsonErrorEncoder.INSTANCE;
        private final List<ServerFinalizer> finalizers = new ArrayList<>();
        private Clock clock = Clock.system();
        private int acceptors = -1;
        private int selectors = -1;
        private int acceptQueueSize = 4096;
        private boolean h2c;

        private Builder() {
        }

        /**
         * Also serve HTTP/2 cleartext (h2c) on the port, beside HTTP/1.1: clients that know (gRPC, curl
         * {@code --http2-prior-knowledge}) start with the HTTP/2 preface, others may ask with
         * {@code Upgrade: h2c}. The body, header and idle limits and the JSON errors are the same. Off by
         * default, as in Go's net/http: a JSON service gains nothing from it, and every protocol served is
         * attack surface (the API gateway turns it on for gRPC).
         */
        public Builder h2c(boolean on) {
            this.h2c = on;
            return this;
        }

        /**
         * The listen backlog: connections the kernel queues before they are accepted (capped by
         * {@code net.core.somaxconn}). Default 4096, as Go's net/http uses; Jetty's default of the JVM's
         * 50 drops SYNs when many clients connect at once, and each dropped SYN costs a client a 1 s retry.
         */
        public Builder acceptQueueSize(int n) {
            this.acceptQueueSize = n;
            return this;
        }

        /** Threads accepting connections; -1 (the default) lets Jetty choose. */
        public Builder acceptors(int n) {
            this.acceptors = n;
            return this;
        }

        /** Selectors watching connections for I/O; -1 (the default) lets Jetty choose. */
        public Builder selectors(int n) {
            this.selectors = n;
            return this;
        }

        /** The address to bind; default 127.0.0.1 (loopback only). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** What serves the requests, usually a {@link Router}. */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler);
            return this;
        }

        /** The largest request body accepted; larger ones are refused with 413. Default 1 MiB. */
        public Builder maxRequestBodyBytes(long bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /** The largest request line plus headers; larger ones are refused with 431. Default 8 KiB. */
        public Builder maxRequestHeaderBytes(int bytes) {
            this.maxRequestHeaderBytes = bytes;
            return this;
        }

        /** Response bodies up to this size are sent in one write with a Content-Length. Default 32 KiB. */
        public Builder responseBufferBytes(int bytes) {
            this.responseBufferBytes = bytes;
            return this;
        }

        /** How long a connection may sit idle, or a read or write stall, before it is closed. Default 30 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** How long {@link HttpServer#stop()} waits for in-flight requests. Default 10 s. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = timeout;
            return this;
        }

        /** Writes failures that escape the handler (and the 413 of an oversized body). */
        public Builder errorEncoder(ErrorEncoder encoder) {
            this.errorEncoder = Objects.requireNonNull(encoder);
            return this;
        }

        /** Finalizers run at the end of every request the server serves, 404s included (access logs). */
        public Builder finalizer(ServerFinalizer... fs) {
            finalizers.addAll(List.of(fs));
            return this;
        }

        /** The clock of request contexts. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The server, not yet started. */
        public HttpServer build() {
            Objects.requireNonNull(handler, "handler");
            return new HttpServer(this);
        }
    }

    /** Bridges Jetty's core handler API to kit4j's {@link Handler}. */
    private static final class Adapter extends org.eclipse.jetty.server.Handler.Abstract {
        private final Handler handler;
        private final long maxBody;
        private final int bufferSize;
        private final ErrorEncoder errorEncoder;
        private final ServerFinalizer[] finalizers;
        private final Clock clock;
        private final Context root;

        Adapter(Builder b) {
            super(InvocationType.BLOCKING);
            handler = b.handler;
            maxBody = b.maxRequestBodyBytes;
            bufferSize = b.responseBufferBytes;
            errorEncoder = b.errorEncoder;
            finalizers = b.finalizers.toArray(ServerFinalizer[]::new);
            clock = b.clock;
            root = Context.background(clock);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            ServerRequest req = new ServerRequest(request, maxBody);
            ServerResponse resp = new ServerResponse(response, bufferSize, "HEAD".equals(request.getMethod()));
            Context ctx = finalizers.length > 0 ? root.with(HttpContextKeys.REQUEST_START_NANOS, clock.nanoTime()) : root;
            Throwable failure = null;
            try {
                if (req.contentLength() > maxBody) {
                    throw LimitedInputStream.tooLarge(maxBody);
                }
                handler.handle(ctx, req, resp);
            } catch (Exception | StackOverflowError e) {
                failure = e;
                try {
                    errorEncoder.encode(ctx, e, resp);
                } catch (RuntimeException committed) {
                    callback.failed(e);
                    return true;
                }
            }
            if (finalizers.length > 0) {
                ServerFinalizers.run(finalizers, ctx, req, resp, failure);
            }
            resp.finish(callback);
            return true;
        }
    }
}
