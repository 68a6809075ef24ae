package io.kit4j.transport.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java Netty server with kit4j's defaults: binds 127.0.0.1 unless told otherwise, runs every
 * call's events (and so every unary endpoint) on virtual threads, and stops gracefully: no new calls,
 * in-flight calls drain for up to the drain timeout, then the rest are cancelled.
 *
 * <pre>{@code
 * GrpcServer server = GrpcServer.builder().port(0).service(definition).build().start();
 * int port = server.port();
 * }</pre>
 */
public final class GrpcServer {
    private final Server server;
    private final ExecutorService executor;
    private final Duration drain;

    private GrpcServer(Builder b) {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        NettyServerBuilder nb = NettyServerBuilder.forAddress(new InetSocketAddress(b.host, b.port))
                .executor(executor)
                .maxInboundMessageSize(b.maxMessageBytes);
        for (ServerServiceDefinition s : b.services) {
            nb.addService(s);
        }
        for (ServerInterceptor i : b.interceptors) {
            nb.intercept(i);
        }
        server = nb.build();
        drain = b.drain;
    }

    /** Starts a server; nothing listens until {@link #start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving. */
    public GrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC server", e);
        }
        return this;
    }

    /** The bound port (the free one picked when the builder said 0). */
    public int port() {
        return server.getPort();
    }

    /** The address clients dial, {@code host:port}. */
    public String target() {
        InetSocketAddress a = (InetSocketAddress) server.getListenSockets().get(0);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Stops accepting calls, lets in-flight ones finish within the drain timeout, then cancels the rest. */
    public void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdown();
        }
    }

    /** Waits until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        server.awaitTermination();
    }

    /** The grpc-java server, for what this class does not cover. */
    public Server unwrap() {
        return server;
    }

    /** Options of a {@link GrpcServer}. */
    public static final class Builder {
        private final List<ServerServiceDefinition> services = new ArrayList<>();
        private final List<ServerInterceptor> interceptors = new ArrayList<>();
        private String host = "127.0.0.1";
        private int port;
        private int maxMessageBytes = 4 * 1024 * 1024;
        private Duration drain = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The address to bind. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A service to serve, from {@link GrpcService} or anywhere else. */
        public Builder service(ServerServiceDefinition service) {
            services.add(Objects.requireNonNull(service));
            return this;
        }

        /** A plain grpc-java service (a generated {@code ImplBase}), served beside the kit4j ones. */
        public Builder service(BindableService service) {
            return service(service.bindService());
        }

        /** A server-wide interceptor; the last added runs first. */
        public Builder intercept(ServerInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        /** The largest request message accepted; larger ones are refused with RESOURCE_EXHAUSTED. Default 4 MiB. */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /** How long {@link GrpcServer#stop()} waits for in-flight calls. Default 10 s. */
        public Builder drain(Duration drain) {
            this.drain = Objects.requireNonNull(drain);
            return this;
        }

        /** The server, not yet started. */
        public GrpcServer build() {
            return new GrpcServer(this);
        }
    }
}
