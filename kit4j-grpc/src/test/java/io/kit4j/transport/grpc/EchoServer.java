package io.kit4j.transport.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.HasStatus;
import io.kit4j.errors.KitError;
import io.kit4j.transport.grpc.testpb.EchoGrpc;
import io.kit4j.transport.grpc.testpb.EchoReply;
import io.kit4j.transport.grpc.testpb.EchoRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test service served by kit4j on a real socket (127.0.0.1, a free port): Say (unary), Count
 * (server streaming) and Chat (bidi), with hooks and finalizers that record what they saw.
 *
 * <p>Say's text picks the behaviour: {@code code:<error_code>} throws that KitError, {@code boom} an
 * undeclared exception with a secret message, {@code teapot} a HasStatus exception (418), {@code limited}
 * a 429 with a Retry-After header, {@code wait} waits until the context is done, {@code deadline} answers
 * the time left; anything else is echoed back with the full method and the request id.
 */
final class EchoServer implements AutoCloseable {
    static final ContextKey<String> REQUEST_ID = new ContextKey<>("request-id");
    static final String SECRET = "password=hunter2 at com.example.Internal";

    /** A request in the domain. */
    record Say(String text, int count, long sleepMillis) {
    }

    /** A reply in the domain. */
    record Reply(String text, int index, String info) {
    }

    /** What a finalizer saw. */
    record Finished(String method, Status.Code code, Throwable error, Long startNanos) {
    }

    /** A user exception that declares its status without being a KitError. */
    static final class Teapot extends RuntimeException implements HasStatus {
        private static final long serialVersionUID = 1L;

        Teapot() {
            super("short and stout");
        }

        @Override
        public int status() {
            return 418;
        }
    }

    final List<Finished> finished = new CopyOnWriteArrayList<>();
    final List<Throwable> handled = new CopyOnWriteArrayList<>();
    /** The contexts of calls that waited, once they were done. */
    final BlockingQueue<Context> doneContexts = new LinkedBlockingQueue<>();
    /** Signalled when a waiting call has started. */
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    final GrpcServer server;

    EchoServer() {
        ServerOptions opts = ServerOptions.builder()
                .before(GrpcMetadata.toContext("x-request-id", REQUEST_ID))
                .after(GrpcMetadata.setResponseHeader("x-served-by", "kit4j"),
                        GrpcMetadata.setResponseTrailer("x-trailer", "t1"))
                .finalizer((ctx, status, error) -> finished.add(new Finished(ctx.get(GrpcContextKeys.FULL_METHOD),
                        status.getCode(), error, ctx.get(GrpcContextKeys.REQUEST_START_NANOS))))
                .errorHandler((ctx, e) -> handled.add(e))
                .build();
        server = GrpcServer.builder().service(GrpcService.builder(EchoGrpc.getServiceDescriptor())
                        .options(opts)
                        .unary(EchoGrpc.getSayMethod(), say(), EchoServer::decode, EchoServer::encode)
                        .serverStreaming(EchoGrpc.getCountMethod(), count(), EchoServer::decode, EchoServer::encode)
                        .bidiStreaming(EchoGrpc.getChatMethod(), chat(), EchoServer::decode, EchoServer::encode)
                        .build())
                .drain(Duration.ofSeconds(2))
                .build().start();
    }

    static Say decode(Context ctx, EchoRequest r) {
        if (r.getText().equals("undecodable")) {
            throw KitError.invalidArgument("text must not be \"undecodable\"");
        }
        return new Say(r.getText(), r.getCount(), r.getSleepMillis());
    }

    static EchoReply encode(Context ctx, Reply r) {
        return EchoReply.newBuilder().setText(r.text()).setIndex(r.index()).setInfo(r.info()).build();
    }

    static EchoRequest toWire(Context ctx, Say s) {
        return EchoRequest.newBuilder().setText(s.text()).setCount(s.count()).setSleepMillis(s.sleepMillis()).build();
    }

    static Reply fromWire(Context ctx, EchoReply r) {
        return new Reply(r.getText(), r.getIndex(), r.getInfo());
    }

    private Endpoint<Say, Reply> say() {
        return (ctx, s) -> {
            String t = s.text();
            if (t.startsWith("code:")) {
                ErrorCode code = ErrorCode.valueOf(t.substring(5));
                throw new KitError(code, "failed with " + code.id(), new IllegalStateException(SECRET));
            }
            switch (t) {
                case "boom" -> throw new IllegalStateException(SECRET);
                case "teapot" -> throw new Teapot();
                case "limited" -> throw new KitError(ErrorCode.RESOURCE_EXHAUSTED, "slow down",
                        Map.of("Retry-After", List.of("7")), null);
                case "wait" -> {
                    waitUntilDone(ctx);
                    return new Reply("never", 0, "");
                }
                case "deadline" -> {
                    return new Reply(ctx.remaining().map(d -> Long.toString(d.toMillis())).orElse("none"), 0, "");
                }
                default -> {
                    return new Reply(t, 0, ctx.get(GrpcContextKeys.FULL_METHOD) + " id="
                            + ctx.getOrDefault(REQUEST_ID, "-") + " peer=" + ctx.get(GrpcContextKeys.REMOTE_ADDR));
                }
            }
        };
    }

    private Endpoint<ServerStream<Say, Reply>, Void> count() {
        return (ctx, stream) -> {
            Say s = stream.request();
            for (int i = 0; i < s.count(); i++) {
                if (s.text().equals("fail-at-2") && i == 2) {
                    throw KitError.notFound("item 2 is missing");
                }
                if (s.text().equals("wait") && i == 1) {
                    waitUntilDone(ctx);
                }
                stream.send(new Reply(s.text(), i, ctx.getOrDefault(REQUEST_ID, "-")));
            }
            return null;
        };
    }

    private Endpoint<BidiStream<Say, Reply>, Void> chat() {
        return (ctx, stream) -> {
            int n = 0;
            for (Say s = stream.receive(); s != null; s = stream.receive()) {
                if (s.text().equals("fail")) {
                    throw KitError.permissionDenied("no failing allowed");
                }
                if (s.text().equals("wait")) {
                    waitUntilDone(ctx);
                }
                stream.send(new Reply(s.text().toUpperCase(java.util.Locale.ROOT), n++, ""));
            }
            stream.send(new Reply("done", n, "received " + n));
            return null;
        };
    }

    private void waitUntilDone(Context ctx) throws InterruptedException {
        started.add("started");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ctx.isDone() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        doneContexts.add(ctx);
        ctx.throwIfDone();
    }

    ManagedChannel channel() {
        return GrpcClient.plaintext(server.target());
    }

    /** Waits for a finalizer record of {@code method} (finalizers run after the client got its answer). */
    Finished awaitFinished(String method, int index) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            List<Finished> of = finished.stream().filter(f -> f.method().endsWith(method)).toList();
            if (of.size() > index) {
                return of.get(index);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no finalizer record for " + method);
    }

    @Override
    public void close() {
        server.stop();
    }

    static Metadata md(String key, String value) {
        Metadata m = new Metadata();
        GrpcMetadata.put(m, key, value);
        return m;
    }
}
