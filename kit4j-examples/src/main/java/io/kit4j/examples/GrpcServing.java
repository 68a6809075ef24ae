package io.kit4j.examples;

import io.kit4j.examples.auth.DemoAuth;
import io.kit4j.examples.auth.GrpcAuth;
import io.kit4j.examples.getname.GetNameGrpc;
import io.kit4j.examples.usersvc.UserGrpc;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.transport.grpc.GrpcServer;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;

/**
 * The reference services over gRPC beside HTTP: {@code kit4j.examples.UserService} and
 * {@code kit4j.examples.NameService} ({@code usersvc.proto}) on a port of their own, serving the same
 * {@link ServiceEndpoints} (one user store, one middleware stack, one metrics registry) as the HTTP routes.
 */
public final class GrpcServing {
    /** {@code --grpc-port} value meaning "no gRPC server". */
    public static final int OFF = -1;

    private GrpcServing() {
    }

    /**
     * One running instance.
     *
     * @param http the HTTP server
     * @param grpc the gRPC server, or null when it is off
     */
    public record Instance(HttpServer http, GrpcServer grpc) {
        /** Stops both: no new requests or calls, in-flight ones drain. */
        public void stop() {
            if (grpc != null) {
                grpc.stop();
            }
            http.stop();
        }
    }

    /** A gRPC server on {@code host:port} (0: a free port) serving {@code e}, started. */
    public static GrpcServer start(String host, int port, ServiceEndpoints e) {
        return GrpcServer.builder().host(host).port(port)
                .service(UserGrpc.service(UserServiceApp.protectWrites(e.users(), DemoAuth.fromEnvironment()),
                        e.errors(), GrpcAuth.metadataToContext()))
                .service(GetNameGrpc.service(e.getName(), e.errors()))
                .build().start();
    }

    /**
     * Starts HTTP on {@code httpPort} and, unless {@code grpcPort} is {@link #OFF}, gRPC on {@code grpcPort}
     * (0 picks a free one), both over the same endpoints.
     */
    public static Instance start(String host, int httpPort, int grpcPort, Logger logger,
            UserServiceApp.Middlewares mw) {
        return start(host, httpPort, grpcPort, logger, mw, UserServiceOptions.NONE);
    }

    /** As above, with {@code options}' tracing (HTTP only) and downstream for GetName. */
    public static Instance start(String host, int httpPort, int grpcPort, Logger logger,
            UserServiceApp.Middlewares mw, UserServiceOptions options) {
        PrometheusMetrics metrics = PrometheusMetrics.create();
        ServiceEndpoints e = UserServiceApp.endpoints(logger, mw, metrics, options);
        HttpServer http = UserServiceApp.start(host, httpPort, e, mw, metrics, options.tracing());
        if (grpcPort == OFF) {
            return new Instance(http, null);
        }
        try {
            return new Instance(http, start(host, grpcPort, e));
        } catch (RuntimeException failed) {
            http.stop();
            throw failed;
        }
    }
}
