package io.kit4j.examples;

import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.GatewayMetrics;
import io.kit4j.gateway.RoutesWatcher;
import io.kit4j.lifecycle.ServiceRunner;
import io.kit4j.log.Logger;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.tracing.TraceLogging;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kit4j gateway}: the API gateway of kit4j-gateway in front of discovered services. Routes come
 * from a YAML file that is reloaded when it changes (an invalid file keeps the routes in force and is
 * logged) and, when the file has a {@code discovery} section, one per service of the registry, following
 * it live; {@code GET /gateway/routes} shows routes, instances and breaker states, {@code /metrics}
 * the Prometheus metrics per route and upstream. The port speaks HTTP/1.1 and h2c, so gRPC calls pass
 * through too. With {@code --tracing zipkin=URL} (or {@code otlp=URL}) each routed request is a SERVER
 * span continuing the caller's trace and each upstream attempt a CLIENT span, exported as service
 * {@code kit4j-gateway}. Stops gracefully on SIGINT or SIGTERM.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the API gateway: routes from a YAML file to services found in a registry.")
final class GatewayCommand implements Callable<Integer> {
    @Option(names = "--routes", required = true, paramLabel = "FILE", description = "routes file (YAML), reloaded on change")
    Path routes;

    @Option(names = "--registry", description = "where routes naming a service find it, and the services a 'discovery' section of the routes file makes routes for: zk://host:port, etcd://host:port or consul://host:port (default: none; routes then list instances)")
    String registry;

    @Option(names = {"-p", "--port"}, description = "port; 0 picks a free one (default: ${DEFAULT-VALUE})", defaultValue = "8000")
    int port;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--reload-interval", defaultValue = "PT1S", description = "how often the routes file is checked for changes (default: ${DEFAULT-VALUE})")
    Duration reloadInterval;

    @Option(names = "--max-body-bytes", defaultValue = "104857600", description = "largest request body relayed; larger ones get 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--max-header-bytes", defaultValue = "8192", description = "largest request line plus headers; larger ones get 431 (default: ${DEFAULT-VALUE})")
    int maxHeaderBytes;

    @Mixin
    LogOptions log = new LogOptions();

    @Mixin
    TracingOptions tracingOptions = new TracingOptions();

    @Override
    public Integer call() throws Exception {
        Tracing tracing = tracingOptions.open("kit4j-gateway");
        Logger logger = log.logger().with("service", "gateway");
        if (tracing != null) {
            logger = TraceLogging.with(logger);
        }
        ServiceRunner runner = ServiceRunner.create(logger).closeLast(log::close);
        PrometheusMetrics metrics = PrometheusMetrics.create().registerJvmMetrics();
        Registry r = registry != null ? Registries.open(registry, logger.with("component", "registry")) : null;
        Gateway.Builder b = Gateway.builder().logger(logger.with("component", "gateway"))
                .metrics(prometheus(metrics)).metricsHandler(metrics.handler());
        if (r != null) {
            b.registry(r);
        }
        if (tracing != null) {
            b.tracing(tracing);
        }
        Gateway gateway = b.build();
        RoutesWatcher watcher;
        try {
            watcher = RoutesWatcher.start(routes, gateway, reloadInterval, logger.with("component", "routes"));
        } catch (RuntimeException e) {
            gateway.close();
            if (r != null) {
                r.close();
            }
            if (tracing != null) {
                tracing.close();
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        HttpServer server = HttpServer.builder().host(host).port(port).h2c(true).handler(gateway)
                .maxRequestBodyBytes(maxBodyBytes).maxRequestHeaderBytes(maxHeaderBytes).build().start();
        // closed in this order on stop: the port (draining requests in flight), the watcher, the gateway, the registry
        runner.closeOnStop("http", server).closeOnStop("routes watcher", watcher).closeOnStop("gateway", gateway);
        if (r != null) {
            runner.closeOnStop("registry", r);
        }
        if (tracing != null) {
            runner.closeOnStop("tracing", tracing); // after the gateway: the last spans are flushed
        }
        logger.log("event", "listening", "addr", server.uri().toString(), "routes", routes.toString(),
                "registry", registry == null ? "none" : registry,
                "tracing", tracingOptions.enabled() ? tracingOptions.exporter : "off");
        runner.runUntilSignal();
        return 0;
    }

    /** The gateway's metrics in {@code metrics}: requests and durations per route, attempts per upstream instance. */
    static GatewayMetrics prometheus(PrometheusMetrics metrics) {
        return new GatewayMetrics(
                metrics.counter("kit4j_gateway_requests_total", "Requests through the gateway by route and answered status.",
                        "route", "code"),
                metrics.histogram("kit4j_gateway_request_duration_seconds",
                        "Seconds from routing to the end of the answer, by route.", "route"),
                metrics.counter("kit4j_gateway_upstream_requests_total",
                        "Attempts by upstream, instance and outcome (status, or error when it did not answer).",
                        "upstream", "instance", "outcome"));
    }
}
