package io.kit4j.examples;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.examples.getname.GetNameGrpc;
import io.kit4j.log.Logger;
import io.kit4j.sd.FixedInstancer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kit4j client}: calls GetName through balancing, retry, per-instance breakers and a fallback. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Call GetName on a set of instances: balancer + retry + a breaker per instance + fallback.")
final class ClientCommand implements Callable<Integer> {
    @Option(names = "--instances", split = ",", required = true,
            description = "instance addresses, host:port, comma-separated")
    List<String> instances;

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

    @Option(names = "--breaker-timeout", defaultValue = "PT1S",
            description = "each instance's breaker times a call out after this, ISO-8601 (default: ${DEFAULT-VALUE}, hystrix-go's)")
    Duration breakerTimeout;

    @Option(names = "--calls", defaultValue = "6", description = "how many calls (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--uid", defaultValue = "101", description = "the user id to ask for (default: ${DEFAULT-VALUE})")
    long uid;

    @Override
    public Integer call() throws Exception {
        CircuitBreakers breakers = new CircuitBreakers(io.kit4j.time.Clock.system(),
                Settings.builder().timeout(breakerTimeout).requestVolumeThreshold(3).sleepWindow(Duration.ofSeconds(5)).build());
        boolean grpc = switch (transport.toLowerCase(java.util.Locale.ROOT)) {
            case "http" -> false;
            case "grpc" -> true;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--transport must be http or grpc, not " + transport);
        };
        try (BalancedGetName client = grpc
                ? new BalancedGetName(new FixedInstancer(instances), BalancedGetName.Strategy.parse(balancer), attempts,
                        timeout, breakers, Logger.logfmt(System.err), GetNameGrpc::forInstance)
                : new BalancedGetName(new FixedInstancer(instances), BalancedGetName.Strategy.parse(balancer), attempts,
                        timeout, breakers, Logger.logfmt(System.err))) {
            int degraded = 0;
            for (int i = 1; i <= calls; i++) {
                BalancedGetName.Answer a = client.call(Context.background(), uid);
                degraded += a.degraded() ? 1 : 0;
                System.out.printf("call %d: %s -> %s (from %s)%n", i,
                        grpc ? "NameService/GetName uid=" + uid : "GET /user/" + uid, a.result(), a.instance());
            }
            return degraded == 0 ? 0 : 2;
        }
    }
}
