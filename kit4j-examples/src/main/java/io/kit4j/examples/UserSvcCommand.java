package io.kit4j.examples;

import io.kit4j.lifecycle.ServiceRunner;
import io.kit4j.log.Logger;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kit4j usersvc}: runs one instance of the reference services. With {@code --registry} it
 * registers itself (with its {@code /health} check) once it listens. On SIGINT or SIGTERM it
 * deregisters, keeps serving for the grace period, stops accepting, drains in-flight requests and
 * exits 0.
 */
@Command(name = "usersvc", mixinStandardHelpOptions = true,
        description = "Run one instance of the user service and GetName (GET /user/{uid}, /users, /health, /metrics).")
final class UserSvcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", description = "service name (default: ${DEFAULT-VALUE})", defaultValue = "userservice")
    String name;

    @Option(names = {"-p", "--port"}, description = "port; 0 picks a free one (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--grpc-port", description = "also serve gRPC (usersvc.proto) on this port; 0 picks a free one, -1 is off (default: ${DEFAULT-VALUE})", defaultValue = "-1")
    int grpcPort;

    @Option(names = "--mw", description = "middlewares: bare (none; /metrics records nothing), full (rate limit, logging, endpoint, HTTP and JVM metrics), or full's halves logging and metrics (to measure each) (default: ${DEFAULT-VALUE})", defaultValue = "full")
    String mw;

    @Option(names = "--registry", description = "register with this registry: zk://host:port, etcd://host:port or consul://host:port; with --grpc-port the gRPC port too, as <name>-grpc (default: none)")
    String registry;

    @Option(names = "--advertise", description = "host clients should connect to, as registered (default: the --host address)")
    String advertise;

    @Option(names = "--health-interval", defaultValue = "PT10S", description = "how often the registry checks /health, where it does (Consul) (default: ${DEFAULT-VALUE})")
    Duration healthInterval;

    @Option(names = "--deregister-grace", defaultValue = "PT0.5S", description = "time between deregistering and closing the port on stop (default: ${DEFAULT-VALUE})")
    Duration grace;
    @Option(names = "--names-from", paramLabel = "URL",
            description = "answer GetName by calling GET /user/{uid} on this downstream instance, e.g. http://127.0.0.1:8081 (default: answer locally)")
    URI namesFrom;

    @Mixin
    LogOptions log = new LogOptions();

    @Mixin
    TracingOptions tracingOptions = new TracingOptions();

    @Override
    public Integer call() throws Exception {
        UserServiceApp.Middlewares profile = UserServiceApp.Middlewares.valueOf(mw.toUpperCase(Locale.ROOT));
        if (tracingOptions.enabled() && profile != UserServiceApp.Middlewares.FULL) {
            throw new ParameterException(spec.commandLine(), "--tracing needs --mw full");
        }
        Logger logger = log.logger().with("service", name);
        ServiceRunner runner = ServiceRunner.create(logger).deregisterGrace(grace).closeLast(log::close);
        Tracing tracing = tracingOptions.open(name);
        if (tracing != null) {
            runner.closeOnStop("tracing", tracing);
        }
        GrpcServing.Instance instance = GrpcServing.start(host, port, grpcPort, logger, profile,
                new UserServiceOptions(tracing, namesFrom));
        runner.closeOnStop("servers", instance::stop);
        HttpServer server = instance.http();
        logger.log("event", "listening", "addr", server.uri().toString(), "mw", mw,
                "tracing", tracingOptions.enabled() ? tracingOptions.exporter : "off");
        if (instance.grpc() != null) {
            logger.log("event", "listening", "transport", "grpc", "addr", instance.grpc().target());
        }
        if (registry != null) {
            Registry r = Registries.open(registry, logger.with("component", "registry"));
            runner.closeOnStop("registry", r);
            ServiceInstance si = ServiceInstance.of(name, advertise != null ? advertise : host, server.port())
                    .withHealthCheck(HealthCheck.http("/health").withInterval(healthInterval));
            runner.register(r.registrar(si));
            logger.log("event", "registry", "registry", registry, "id", si.id(), "addr", si.address());
            if (instance.grpc() != null) {
                // The gRPC port as its own service, "<name>-grpc", so a gateway route (service: usersvc-grpc)
                // or a gRPC client balances over discovered instances. No HTTP health check: gRPC has none
                // here; ZooKeeper and etcd drop it with the process's session or lease.
                ServiceInstance grpc = ServiceInstance.of(name + "-grpc", si.host(), instance.grpc().port());
                runner.register(r.registrar(grpc));
                logger.log("event", "registry", "registry", registry, "id", grpc.id(), "addr", grpc.address());
            }
        }
        runner.runUntilSignal();
        return 0;
    }
}
