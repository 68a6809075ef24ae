package io.kit4j.examples;

import io.kit4j.lifecycle.Shutdown;
import io.kit4j.log.Logger;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kit4j usersvc}: runs one instance of the reference services; on SIGINT or SIGTERM it stops
 * accepting, drains in-flight requests and exits 0.
 */
@Command(name = "usersvc", mixinStandardHelpOptions = true,
        description = "Run one instance of the user service and GetName (GET /user/{uid}, /users, /health, /metrics).")
final class UserSvcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", description = "service name (default: ${DEFAULT-VALUE})", defaultValue = "userservice")
    String name;

    @Option(names = {"-p", "--port"}, description = "port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--mw", description = "middlewares: bare (none; /metrics records nothing) or full (logging, endpoint, HTTP and JVM metrics) (default: ${DEFAULT-VALUE})", defaultValue = "full")
    String mw;

    @Option(names = "--names-from", paramLabel = "URL",
            description = "answer GetName by calling GET /user/{uid} on this downstream instance, e.g. http://127.0.0.1:8081 (default: answer locally)")
    URI namesFrom;

    @Mixin
    LogOptions log = new LogOptions();

    @Mixin
    TracingOptions tracingOptions = new TracingOptions();

    @Override
    public Integer call() throws Exception {
        UserServiceApp.Middlewares profile = UserServiceApp.Middlewares.valueOf(mw.toUpperCase(java.util.Locale.ROOT));
        if (tracingOptions.enabled() && profile != UserServiceApp.Middlewares.FULL) {
            throw new ParameterException(spec.commandLine(), "--tracing needs --mw full (bare runs no middleware)");
        }
        Logger logger = log.logger().with("service", name);
        Tracing tracing = tracingOptions.open(name);
        HttpServer server = UserServiceApp.start(host, port, logger, profile, PrometheusMetrics.create(),
                new UserServiceOptions(tracing, namesFrom));
        Shutdown.onSignal(() -> {
            logger.log("event", "stopping", "msg", "draining in-flight requests");
            server.stop();
            if (tracing != null) {
                tracing.close();
            }
            logger.log("event", "stopped");
            log.close();
        });
        logger.log("event", "listening", "addr", server.uri().toString(), "mw", mw,
                "tracing", tracingOptions.enabled() ? tracingOptions.exporter : "off");
        server.awaitStop();
        return 0;
    }
}
