package io.kit4j.benchmarks.grpc;

import io.grpc.ManagedChannel;
import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.RoutesFile;
import io.kit4j.transport.grpc.GrpcClient;
import io.kit4j.transport.grpc.GrpcServer;
import io.kit4j.transport.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Unary gRPC calls per second straight to a plain grpc-java server against the same calls through
 * kit4j-gateway (a kit4j {@link HttpServer} with h2c, one route to that server): the cost of the extra
 * hop. Everything in this JVM on 127.0.0.1, sharing the machine's cores, so only the ratio means much.
 * Arguments: {@code [conc=64] [seconds per round=2] [rounds=2]}; two warm-up rounds per side, then ABBA.
 */
public final class GrpcGatewayLoad {
    private GrpcGatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int conc = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        GrpcServer plain = GrpcServer.builder().service(new GrpcUnaryLoad.Plain()).build().start();
        Gateway gateway = Gateway.builder().routes(RoutesFile.parse("""
                routes:
                  - id: names
                    path: /**
                    instances: ["%s"]
                """.formatted(plain.target()))).build();
        HttpServer gw = HttpServer.builder().h2c(true).handler(gateway).build().start();
        ManagedChannel direct = GrpcClient.plaintext(plain.target());
        ManagedChannel through = GrpcClient.plaintext("127.0.0.1:" + gw.port());
        try {
            System.out.printf(Locale.ROOT, "gRPC unary GetName, %d in flight, %d s warm-up, %d x %d s per side, %d cores%n",
                    conc, warmup, rounds, seconds, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "upstream %s, gateway port %d%n", plain.target(), gw.port());
            // The gateway path (Jetty's HTTP/2 server and client between two grpc-java ends) needs about a
            // minute of load before the JIT settles here: measured before that, it looked 4-8x slower.
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            while (System.nanoTime() < warmEnd) {
                GrpcUnaryLoad.asyncLoad(direct, conc, 3);
                GrpcUnaryLoad.asyncLoad(through, conc, 3);
            }
            List<GrpcUnaryLoad.Round> d = new ArrayList<>();
            List<GrpcUnaryLoad.Round> g = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    d.add(GrpcUnaryLoad.asyncLoad(direct, conc, seconds));
                    g.add(GrpcUnaryLoad.asyncLoad(through, conc, seconds));
                } else {
                    g.add(GrpcUnaryLoad.asyncLoad(through, conc, seconds));
                    d.add(GrpcUnaryLoad.asyncLoad(direct, conc, seconds));
                }
            }
            double dm = d.stream().mapToDouble(GrpcUnaryLoad.Round::callsPerSecond).average().orElse(0);
            double gm = g.stream().mapToDouble(GrpcUnaryLoad.Round::callsPerSecond).average().orElse(0);
            double dc = d.stream().mapToDouble(GrpcUnaryLoad.Round::cpuMicrosPerCall).average().orElse(0);
            double gc = g.stream().mapToDouble(GrpcUnaryLoad.Round::cpuMicrosPerCall).average().orElse(0);
            System.out.printf(Locale.ROOT, "direct %s calls/s, through the gateway %s calls/s -> ratio %.3f%n"
                    + "CPU per call (whole process): direct %.1f us, through the gateway %.1f us -> ratio %.3f%n",
                    fmt(d), fmt(g), gm / dm, dc, gc, dc / gc);
        } finally {
            direct.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            through.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            gw.stop();
            gateway.close();
            plain.stop();
        }
    }

    private static String fmt(List<GrpcUnaryLoad.Round> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.callsPerSecond())).toList().toString();
    }
}
