package io.kit4j.benchmarks.grpc;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.kit4j.benchmarks.grpc.pb.NameReply;
import io.kit4j.benchmarks.grpc.pb.NameRequest;
import io.kit4j.benchmarks.grpc.pb.NamesGrpc;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.transport.grpc.GrpcClient;
import io.kit4j.transport.grpc.GrpcServer;
import io.kit4j.transport.grpc.GrpcService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Unary calls per second through kit4j's gRPC transport against plain grpc-java with the same handler,
 * in one run: a bounded load generator (not JMH: the thing measured is a server on a real socket).
 *
 * <p>Two servers on 127.0.0.1 in this JVM, built the same way ({@link GrpcServer}: Netty, virtual-thread
 * executor): one serves {@code Names/GetName} through {@link GrpcService} (an endpoint with a decoder and
 * an encoder), the other through a generated {@code ImplBase}. Two comparisons, rounds alternating
 * between the servers:
 * <ul>
 *   <li>{@code server}: the same async grpc-java stub keeps {@code conc} calls in flight against each server;
 *   <li>{@code e2e}: {@code conc} virtual threads call in a loop, through kit4j's client endpoint to the
 *       kit4j server, and through the generated blocking stub to the plain server.
 * </ul>
 * Two warm-up rounds per side are not counted; measured rounds alternate ABBA. Arguments:
 * {@code [mode=both|server|e2e] [conc=64] [seconds per round=2] [rounds=2]}. Every loop is
 * bounded in time and stops by itself.
 */
public final class GrpcUnaryLoad {
    private GrpcUnaryLoad() {
    }

    static String name(long uid) {
        return uid == 101 ? "shenyi" : "guest";
    }

    /** The plain grpc-java service. */
    static final class Plain extends NamesGrpc.NamesImplBase {
        @Override
        public void getName(NameRequest request, StreamObserver<NameReply> out) {
            out.onNext(NameReply.newBuilder().setResult(name(request.getUid())).build());
            out.onCompleted();
        }
    }

    record Domain(long uid) {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int conc = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        Endpoint<Domain, String> endpoint = (ctx, q) -> name(q.uid());
        GrpcServer kit = GrpcServer.builder().service(GrpcService.builder(NamesGrpc.getServiceDescriptor())
                .unary(NamesGrpc.getGetNameMethod(), endpoint, (ctx, r) -> new Domain(r.getUid()),
                        (ctx, s) -> NameReply.newBuilder().setResult(s).build())
                .build()).build().start();
        GrpcServer plain = GrpcServer.builder().service(new Plain()).build().start();
        ManagedChannel toKit = GrpcClient.plaintext(kit.target());
        ManagedChannel toPlain = GrpcClient.plaintext(plain.target());
        try {
            System.out.printf(Locale.ROOT, "gRPC unary GetName, %d in flight, %d x %d s per side, %d cores%n",
                    conc, rounds, seconds, Runtime.getRuntime().availableProcessors());
            if (!mode.equals("e2e")) {
                compare("server (async stub -> kit4j GrpcService | plain ImplBase)",
                        () -> asyncLoad(toKit, conc, seconds), () -> asyncLoad(toPlain, conc, seconds), rounds);
            }
            if (!mode.equals("server")) {
                Endpoint<Domain, String> kitClient = GrpcClient.unary(toKit, NamesGrpc.getGetNameMethod(),
                        (ctx, q) -> NameRequest.newBuilder().setUid(q.uid()).build(), (ctx, r) -> r.getResult());
                NamesGrpc.NamesBlockingStub stub = NamesGrpc.newBlockingStub(toPlain);
                compare("e2e (kit4j client -> kit4j server | blocking stub -> plain ImplBase)",
                        () -> blockingLoad(conc, seconds, uid -> kitClient.call(Context.background(), new Domain(uid))),
                        () -> blockingLoad(conc, seconds, uid -> stub.getName(NameRequest.newBuilder().setUid(uid).build())
                                .getResult()), rounds);
            }
        } finally {
            toKit.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            toPlain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            kit.stop();
            plain.stop();
        }
    }

    /** One round's result: calls per second and process CPU time per call (server + load generator). */
    record Round(double callsPerSecond, double cpuMicrosPerCall) {
    }

    interface Load {
        Round run() throws Exception;
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static Round round(long calls, long startNanos, long startCpu) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double cpuMicros = (OS.getProcessCpuTime() - startCpu) / 1e3;
        return new Round(calls / secs, calls == 0 ? Double.NaN : cpuMicros / calls);
    }

    interface Call {
        String call(long uid) throws Exception;
    }

    private static void compare(String what, Load kit, Load plain, int rounds) throws Exception {
        for (int i = 0; i < 2; i++) { // warm-up (JIT), two rounds each, not counted
            kit.run();
            plain.run();
        }
        List<Round> k = new ArrayList<>();
        List<Round> p = new ArrayList<>();
        for (int i = 0; i < rounds; i++) { // ABBA order, so neither side always runs right after the other
            if (i % 2 == 0) {
                k.add(kit.run());
                p.add(plain.run());
            } else {
                p.add(plain.run());
                k.add(kit.run());
            }
        }
        double km = k.stream().mapToDouble(Round::callsPerSecond).average().orElse(0);
        double pm = p.stream().mapToDouble(Round::callsPerSecond).average().orElse(0);
        double kc = k.stream().mapToDouble(Round::cpuMicrosPerCall).average().orElse(0);
        double pc = p.stream().mapToDouble(Round::cpuMicrosPerCall).average().orElse(0);
        System.out.printf(Locale.ROOT, "%s%n  kit4j %s calls/s, plain %s calls/s -> ratio %.3f%n"
                + "  CPU per call (whole process): kit4j %.1f us, plain %.1f us -> throughput a CPU-bound machine allows,"
                + " kit4j/plain: %.3f%n", what, fmt(k), fmt(p), km / pm, kc, pc, pc / kc);
    }

    private static String fmt(List<Round> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.callsPerSecond())).toList().toString();
    }

    /** {@code conc} calls kept in flight with the async stub for {@code seconds}; calls/s. */
    static Round asyncLoad(ManagedChannel channel, int conc, int seconds) throws InterruptedException {
        NamesGrpc.NamesStub stub = NamesGrpc.newStub(channel);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        LongAdder done = new LongAdder();
        CountDownLatch finished = new CountDownLatch(conc);
        long start = System.nanoTime();
        long startCpu = OS.getProcessCpuTime();
        for (int i = 0; i < conc; i++) {
            long uid = 100 + i % 3;
            new Object() {
                void next() {
                    if (System.nanoTime() >= end) {
                        finished.countDown();
                        return;
                    }
                    stub.getName(NameRequest.newBuilder().setUid(uid).build(), new StreamObserver<>() {
                        @Override
                        public void onNext(NameReply r) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            System.err.println("call failed: " + t);
                            finished.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.increment();
                            next();
                        }
                    });
                }
            }.next();
        }
        if (!finished.await(seconds + 30L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("load did not stop");
        }
        return round(done.sum(), start, startCpu);
    }

    /** {@code conc} virtual threads calling in a loop for {@code seconds}; calls/s. */
    private static Round blockingLoad(int conc, int seconds, Call call) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        LongAdder done = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long startCpu = OS.getProcessCpuTime();
        for (int i = 0; i < conc; i++) {
            long uid = 100 + i % 3;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (call.call(uid).isEmpty()) {
                            throw new IllegalStateException("empty answer");
                        }
                        done.increment();
                    }
                } catch (Exception e) {
                    System.err.println("call failed: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds + 30L));
        }
        return round(done.sum(), start, startCpu);
    }
}
