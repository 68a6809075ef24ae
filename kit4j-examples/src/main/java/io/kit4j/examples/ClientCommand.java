package io.kit4j.examples;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.examples.getname.GetNameGrpc;
import io.kit4j.log.Logger;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.tracing.Tracing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kit4j client}: calls GetName through balancing, retry, per-instance breakers and a fallback. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Call GetName on instances listed or discovered: balancer + retry + a breaker per instance + fallback.")
final class ClientCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the instances come from: a fixed list or a registry. */
    static final class Source {
        @Option(names = "--instances", split = ",", description = "instance addresses, host:port, comma-separated")
        List<String> instances;

        @Option(names = "--registry", description = "discover the instances: zk://host:port, etcd://host:port or consul://host:port")
        String registry;
    }

    @Option(names = "--name", defaultValue = "userservice", description = "service to discover with --registry; with --transport grpc its gRPC ports, registered as <name>-grpc (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--interval", defaultValue = "PT0S", description = "pause between calls, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--transport", defaultValue = "http",
            description = "http, or grpc to call the instances' gRPC ports (usersvc --grpc-port) (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--balancer", defaultValue = "round-robin",
            description = "round-robin, random or least-outstanding (default: ${DEFAULT-VALUE})")
    String balancer;

    @Option(names = "--attempts", defaultValue = "3", description = "attempts per call (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--timeout", defaultValue = "PT2S", description = "overall timeout per call, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--breaker-timeout",
            description = "the breakers time a call out after this, ISO-8601 (default: --timeout plus 1 s, so a slow cold first call is not cut short)")
    Duration breakerTimeout;

    @Option(names = "--calls", defaultValue = "6", description = "how many calls (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--uid", defaultValue = "101", description = "the user id to ask for (default: ${DEFAULT-VALUE})")
    long uid;

    @Mixin
    TracingOptions tracingOptions = new TracingOptions();

    @Override
    public Integer call() throws Exception {
        CircuitBreakers breakers = new CircuitBreakers(io.kit4j.time.Clock.system(),
                Settings.builder().timeout(breakerTimeout != null ? breakerTimeout : timeout.plusSeconds(1))
                        .requestVolumeThreshold(3).sleepWindow(Duration.ofSeconds(5)).build());
        boolean grpc = switch (transport.toLowerCase(java.util.Locale.ROOT)) {
            case "http" -> false;
            case "grpc" -> true;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--transport must be http or grpc, not " + transport);
        };
        Logger logger = Logger.logfmt(System.err);
        Registry registry = source.registry != null ? Registries.open(source.registry, logger) : null;
        // Over gRPC the instances are the gRPC ports, which usersvc registers as "<name>-grpc".
        Instancer instancer = registry != null ? registry.instancer(grpc ? name + "-grpc" : name)
                : new FixedInstancer(source.instances);
        Tracing tracing = tracingOptions.open("kit4j-client");
        try (registry; tracing; BalancedGetName client = grpc
                ? new BalancedGetName(instancer, BalancedGetName.Strategy.parse(balancer), attempts, timeout,
                        breakers, logger, GetNameGrpc::forInstance, tracing)
                : new BalancedGetName(instancer, BalancedGetName.Strategy.parse(balancer), attempts, timeout,
                        breakers, logger, tracing)) {
            int degraded = 0;
            for (int i = 1; i <= calls; i++) {
                if (i > 1 && !interval.isZero()) {
                    Thread.sleep(interval);
                }
                BalancedGetName.Answer a = client.call(Context.background(), uid);
                degraded += a.degraded() ? 1 : 0;
                System.out.printf("call %d: %s -> %s (from %s)%n", i,
                        grpc ? "NameService/GetName uid=" + uid : "GET /user/" + uid, a.result(), a.instance());
            }
            return degraded == 0 ? 0 : 2;
        }
    }
}
