package io.kit4j.examples;

import io.kit4j.lifecycle.Shutdown;
import io.kit4j.log.Logger;
import io.kit4j.transport.http.HttpServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kit4j usersvc}: runs one instance of the reference services; on SIGINT or SIGTERM it stops
 * accepting, drains in-flight requests and exits 0.
 */
@Command(name = "usersvc", mixinStandardHelpOptions = true,
        description = "Run one instance of the user service and GetName (GET /user/{uid}, /users, /health, /metrics).")
final class UserSvcCommand implements Callable<Integer> {
    @Option(names = "--name", description = "service name (default: ${DEFAULT-VALUE})", defaultValue = "userservice")
    String name;

    @Option(names = {"-p", "--port"}, description = "port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--grpc-port", description = "also serve gRPC (usersvc.proto) on this port; 0 picks a free one, -1 is off (default: ${DEFAULT-VALUE})", defaultValue = "-1")
    int grpcPort;

    @Option(names = "--mw", description = "middlewares: bare (none; /metrics records nothing) or full (logging, endpoint, HTTP and JVM metrics) (default: ${DEFAULT-VALUE})", defaultValue = "full")
    String mw;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws Exception {
        Logger logger = log.logger().with("service", name);
        GrpcServing.Instance instance = GrpcServing.start(host, port, grpcPort, logger,
                UserServiceApp.Middlewares.valueOf(mw.toUpperCase(java.util.Locale.ROOT)));
        HttpServer server = instance.http();
        Shutdown.onSignal(() -> {
            logger.log("event", "stopping", "msg", "draining in-flight requests");
            instance.stop();
            logger.log("event", "stopped");
            log.close();
        });
        logger.log("event", "listening", "addr", server.uri().toString(), "mw", mw);
        if (instance.grpc() != null) {
            logger.log("event", "listening", "transport", "grpc", "addr", instance.grpc().target());
        }
        server.awaitStop();
        return 0;
    }
}
