package io.kit4j.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.grpc.EchoServer.Reply;
import io.kit4j.transport.grpc.EchoServer.Say;
import io.kit4j.transport.grpc.testpb.EchoGrpc;
import io.kit4j.transport.grpc.testpb.EchoReply;
import io.kit4j.transport.grpc.testpb.EchoRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unary calls over a real socket: grpc-java's own generated stub against kit4j, kit4j against grpc-java. */
class UnaryTest {
    static EchoServer echo;
    static ManagedChannel channel;

    @BeforeAll
    static void start() {
        echo = new EchoServer();
        channel = echo.channel();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        echo.close();
    }

    @Test
    void generatedBlockingStubCallsKit4jWithHooksBothWays() throws Exception {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(EchoServer.md("x-request-id", "req-42")),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));

        int before = countSays();
        EchoReply reply = stub.say(EchoRequest.newBuilder().setText("hello").build());

        assertEquals("hello", reply.getText());
        assertTrue(reply.getInfo().startsWith("kit4j.test.Echo/Say id=req-42 peer=/127.0.0.1:"), reply.getInfo());
        assertEquals("kit4j", GrpcMetadata.get(headers.get(), "x-served-by"));
        assertEquals("t1", GrpcMetadata.get(trailers.get(), "x-trailer"));
        EchoServer.Finished f = echo.awaitFinished("/Say", before);
        assertEquals(Status.Code.OK, f.code());
        assertNull(f.error());
        assertNotNull(f.startNanos());
    }

    private static int countSays() {
        return (int) echo.finished.stream().filter(f -> f.method().endsWith("/Say")).count();
    }

    @Test
    void kit4jClientRunsItsHooksInGoKitsOrder() throws Exception {
        ContextKey<String> seen = new ContextKey<>("seen");
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> finalError = new AtomicReference<>(new AssertionError("finalizer not run"));
        ClientOptions opts = ClientOptions.builder()
                .before((ctx, md) -> {
                    order.add("before " + ctx.get(GrpcContextKeys.FULL_METHOD));
                    GrpcMetadata.put(md, "x-request-id", "from-client");
                    return ctx;
                })
                .after((ctx, headers, trailers) -> {
                    order.add("after " + GrpcMetadata.get(headers, "x-served-by") + " " + GrpcMetadata.get(trailers, "x-trailer"));
                    return ctx.with(seen, "after-ran");
                })
                .finalizer((ctx, err) -> {
                    order.add("finalizer " + ctx.get(seen));
                    finalError.set(err);
                })
                .build();
        Endpoint<Say, Reply> say = GrpcClient.unary(channel, EchoGrpc.getSayMethod(), EchoServer::toWire,
                (ctx, r) -> {
                    order.add("decode");
                    return EchoServer.fromWire(ctx, r);
                }, opts);

        Reply r = say.call(Context.background(), new Say("hi", 0, 0));

        assertEquals("hi", r.text());
        assertTrue(r.info().contains("id=from-client"), r.info());
        assertEquals(List.of("before kit4j.test.Echo/Say", "after kit4j t1", "decode", "finalizer after-ran"), order);
        assertNull(finalError.get());
    }

    @Test
    void afterHooksDoNotRunOnFailureButFinalizersDo() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> finalError = new AtomicReference<>();
        Endpoint<Say, Reply> say = GrpcClient.unary(channel, EchoGrpc.getSayMethod(), EchoServer::toWire,
                EchoServer::fromWire, ClientOptions.builder()
                        .after((ctx, h, t) -> {
                            order.add("after");
                            return ctx;
                        })
                        .finalizer((ctx, err) -> finalError.set(err)).build());
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        KitError e = assertThrows(KitError.class, () -> say.call(Context.background(), new Say("code:NOT_FOUND", 0, 0)));
        StatusRuntimeException raw = assertThrows(StatusRuntimeException.class, () -> EchoGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .say(EchoRequest.newBuilder().setText("code:NOT_FOUND").build()));

        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals(List.of(), order);
        assertEquals(e, finalError.get());
        // server side: its after hooks did not run either (no x-trailer), the error trailer is there
        assertNull(GrpcMetadata.get(raw.getTrailers(), "x-trailer"));
        assertEquals("not_found", raw.getTrailers().get(GrpcErrors.ERROR_CODE));
        EchoServer.Finished f = echo.finished.stream().filter(x -> x.code() == Status.Code.NOT_FOUND).findFirst()
                .orElseThrow();
        assertTrue(f.error() instanceof KitError k && k.code() == ErrorCode.NOT_FOUND);
    }

    /** A plain grpc-java service (generated ImplBase, no kit4j), for kit4j's client to call. */
    static final class PlainEcho extends EchoGrpc.EchoImplBase {
        @Override
        public void say(EchoRequest request, StreamObserver<EchoReply> out) {
            switch (request.getText()) {
                case "missing" -> out.onError(Status.NOT_FOUND.withDescription("nothing here").asRuntimeException());
                case "aborted" -> out.onError(Status.ABORTED.withDescription("conflict").asRuntimeException());
                case "unknown" -> out.onError(new IllegalStateException("plain grpc-java turns this into UNKNOWN"));
                default -> {
                    out.onNext(EchoReply.newBuilder().setText("plain " + request.getText()).build());
                    out.onCompleted();
                }
            }
        }
    }

    @Test
    void kit4jClientCallsAPlainGrpcJavaServerAndMapsItsStatuses() throws Exception {
        GrpcServer plain = GrpcServer.builder().service(new PlainEcho()).build().start();
        ManagedChannel ch = GrpcClient.plaintext(plain.target());
        try {
            Endpoint<Say, Reply> say = GrpcClient.unary(ch, EchoGrpc.getSayMethod(), EchoServer::toWire,
                    EchoServer::fromWire);
            assertEquals("plain x", say.call(Context.background(), new Say("x", 0, 0)).text());

            KitError missing = assertThrows(KitError.class, () -> say.call(Context.background(), new Say("missing", 0, 0)));
            assertEquals(ErrorCode.NOT_FOUND, missing.code());
            assertEquals("nothing here", missing.getMessage());
            assertEquals(ErrorCode.ALREADY_EXISTS,
                    assertThrows(KitError.class, () -> say.call(Context.background(), new Say("aborted", 0, 0))).code());
            assertEquals(ErrorCode.INTERNAL,
                    assertThrows(KitError.class, () -> say.call(Context.background(), new Say("unknown", 0, 0))).code());
            // the plain server does not implement Count: UNIMPLEMENTED comes back as 501
            Endpoint<Say, ClientStream<Reply>> count = GrpcClient.serverStreaming(ch, EchoGrpc.getCountMethod(),
                    EchoServer::toWire, EchoServer::fromWire, ClientOptions.defaults());
            try (ClientStream<Reply> s = count.call(Context.background(), new Say("x", 1, 0))) {
                assertEquals(ErrorCode.NOT_IMPLEMENTED, assertThrows(KitError.class, s::receive).code());
            }
        } finally {
            ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            plain.stop();
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        GrpcServer gone = GrpcServer.builder().service(new PlainEcho()).build().start();
        String target = gone.target();
        gone.stop();
        ManagedChannel ch = GrpcClient.plaintext(target);
        try {
            Endpoint<Say, Reply> say = GrpcClient.unary(ch, EchoGrpc.getSayMethod(), EchoServer::toWire,
                    EchoServer::fromWire);
            KitError e = assertThrows(KitError.class, () -> say.call(Context.background(), new Say("x", 0, 0)));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().startsWith("upstream unavailable"), e.getMessage());
        } finally {
            ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
