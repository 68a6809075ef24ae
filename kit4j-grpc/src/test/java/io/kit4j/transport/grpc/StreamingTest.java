package io.kit4j.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.kit4j.context.ContextCanceledException;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.grpc.EchoServer.Reply;
import io.kit4j.transport.grpc.EchoServer.Say;
import io.kit4j.transport.grpc.testpb.EchoGrpc;
import io.kit4j.transport.grpc.testpb.EchoReply;
import io.kit4j.transport.grpc.testpb.EchoRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server streaming and bidirectional streaming, with hooks, errors, cancellation and flow control. */
class StreamingTest {
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

    private static Endpoint<Say, ClientStream<Reply>> count(ClientOptions opts) {
        return GrpcClient.serverStreaming(channel, EchoGrpc.getCountMethod(), EchoServer::toWire, EchoServer::fromWire, opts);
    }

    private static Endpoint<Void, ClientBidiStream<Say, Reply>> chat(ClientOptions opts) {
        return GrpcClient.bidiStreaming(channel, EchoGrpc.getChatMethod(), EchoServer::toWire, EchoServer::fromWire, opts);
    }

    @Test
    void generatedStubReadsAServerStreamWithHooks() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Iterator<EchoReply> it = EchoGrpc.newBlockingStub(channel).withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(EchoServer.md("x-request-id", "stream-1")),
                        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .count(EchoRequest.newBuilder().setText("n").setCount(5).build());
        List<Integer> indexes = new ArrayList<>();
        it.forEachRemaining(r -> {
            indexes.add(r.getIndex());
            assertEquals("stream-1", r.getInfo());
        });
        assertEquals(List.of(0, 1, 2, 3, 4), indexes);
        assertEquals("kit4j", GrpcMetadata.get(headers.get(), "x-served-by"));
        assertEquals("t1", GrpcMetadata.get(trailers.get(), "x-trailer"));
    }

    @Test
    void kit4jClientReadsAServerStreamAndRunsItsHooksAtTheEnd() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ClientOptions opts = ClientOptions.builder()
                .before(GrpcMetadata.setRequestHeader("x-request-id", "k-1"))
                .after((ctx, h, t) -> {
                    events.add("after " + GrpcMetadata.get(h, "x-served-by") + " " + GrpcMetadata.get(t, "x-trailer"));
                    return ctx;
                })
                .finalizer((ctx, err) -> events.add("finalizer " + err))
                .build();
        int n = 0;
        try (ClientStream<Reply> s = count(opts).call(Context.background(), new Say("n", 3, 0))) {
            for (Reply r = s.receive(); r != null; r = s.receive()) {
                assertEquals(n++, r.index());
                assertEquals("k-1", r.info());
            }
            assertNull(s.receive(), "an ended stream stays ended");
        }
        assertEquals(3, n);
        assertEquals(List.of("after kit4j t1", "finalizer null"), events);
    }

    @Test
    void manyRepliesFlowUnderFlowControl() throws Exception {
        int total = 3000;
        int n = 0;
        try (ClientStream<Reply> s = count(ClientOptions.defaults()).call(Context.background(), new Say("bulk", total, 0))) {
            for (Reply r = s.receive(); r != null; r = s.receive()) {
                assertEquals(n++, r.index());
            }
        }
        assertEquals(total, n);
    }

    @Test
    void aFailureMidStreamArrivesAsTheTypedErrorAfterTheRepliesSentBeforeIt() throws Exception {
        AtomicReference<Throwable> finalError = new AtomicReference<>();
        List<Integer> got = new ArrayList<>();
        try (ClientStream<Reply> s = count(ClientOptions.builder().finalizer((ctx, e) -> finalError.set(e)).build())
                .call(Context.background(), new Say("fail-at-2", 5, 0))) {
            KitError e = assertThrows(KitError.class, () -> {
                for (Reply r = s.receive(); r != null; r = s.receive()) {
                    got.add(r.index());
                }
            });
            assertEquals(ErrorCode.NOT_FOUND, e.code());
            assertEquals("item 2 is missing", e.getMessage());
            assertEquals(e, finalError.get());
        }
        assertEquals(List.of(0, 1), got);
    }

    @Test
    void closingAStreamEarlyCancelsTheServersContext() throws Exception {
        echo.doneContexts.clear();
        echo.started.clear();
        AtomicReference<Throwable> finalError = new AtomicReference<>();
        ClientStream<Reply> s = count(ClientOptions.builder().finalizer((ctx, e) -> finalError.set(e)).build())
                .call(Context.background(), new Say("wait", 5, 0));
        assertEquals(0, s.receive().index());
        s.close();
        Context serverCtx = echo.doneContexts.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverCtx, "the server's stream context was never cancelled");
        assertInstanceOf(ContextCanceledException.class, serverCtx.err());
        assertInstanceOf(ContextCanceledException.class, finalError.get());
        EchoServer.Finished f = echo.awaitFinished("/Count", 0);
        assertNotNull(f);
        assertTrue(echo.finished.stream().anyMatch(x -> x.method().endsWith("/Count") && x.code() == Status.Code.CANCELLED),
                echo.finished.toString());
    }

    @Test
    void kit4jBidiClientAgainstKit4jBidiServer() throws Exception {
        AtomicReference<String> finalized = new AtomicReference<>();
        try (ClientBidiStream<Say, Reply> s = chat(ClientOptions.builder()
                .finalizer((ctx, e) -> finalized.set("err=" + e)).build()).call(Context.background(), null)) {
            s.send(new Say("a", 0, 0));
            assertEquals("A", s.receive().text());
            s.send(new Say("b", 0, 0));
            s.send(new Say("c", 0, 0));
            assertEquals("B", s.receive().text());
            assertEquals("C", s.receive().text());
            s.halfClose();
            Reply last = s.receive();
            assertEquals("done", last.text());
            assertEquals("received 3", last.info());
            assertNull(s.receive());
        }
        assertEquals("err=null", finalized.get());
    }

    @Test
    void bidiFailureIsTypedAndTheServerFinalizerSeesIt() throws Exception {
        try (ClientBidiStream<Say, Reply> s = chat(ClientOptions.defaults()).call(Context.background(), null)) {
            s.send(new Say("ok", 0, 0));
            assertEquals("OK", s.receive().text());
            s.send(new Say("fail", 0, 0));
            KitError e = assertThrows(KitError.class, s::receive);
            assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
        }
        assertTrue(waitFor(() -> echo.finished.stream().anyMatch(
                x -> x.method().endsWith("/Chat") && x.code() == Status.Code.PERMISSION_DENIED)), echo.finished.toString());
    }

    @Test
    void generatedAsyncStubTalksToTheKit4jBidiServer() throws Exception {
        List<String> replies = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> done = new CompletableFuture<>();
        StreamObserver<EchoRequest> out = EchoGrpc.newStub(channel).chat(new StreamObserver<>() {
            @Override
            public void onNext(EchoReply r) {
                replies.add(r.getText() + "#" + r.getIndex());
            }

            @Override
            public void onError(Throwable t) {
                done.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                done.complete(Status.OK);
            }
        });
        for (String t : List.of("x", "y", "z")) {
            out.onNext(EchoRequest.newBuilder().setText(t).build());
        }
        out.onCompleted();
        assertEquals(Status.Code.OK, done.get(30, TimeUnit.SECONDS).getCode());
        assertEquals(List.of("X#0", "Y#1", "Z#2", "done#3"), replies);
    }

    @Test
    void cancellingTheClientContextEndsABidiStreamOnBothSides() throws Exception {
        echo.doneContexts.clear();
        echo.started.clear();
        var c = Context.background().withCancel();
        ClientBidiStream<Say, Reply> s = chat(ClientOptions.defaults()).call(c.context(), null);
        s.send(new Say("wait", 0, 0));
        CompletableFuture<Throwable> receiving = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                s.receive();
                receiving.complete(null);
            } catch (Throwable t) {
                receiving.complete(t);
            }
        });
        assertNotNull(echo.started.poll(30, TimeUnit.SECONDS));
        c.cancel();
        assertInstanceOf(ContextCanceledException.class, receiving.get(30, TimeUnit.SECONDS));
        Context serverCtx = echo.doneContexts.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverCtx);
        assertTrue(serverCtx.isDone());
        s.close();
    }

    @Test
    void aStubSendingTwoRequestsToAServerStreamingMethodIsRefused() {
        // the generated stub cannot do this; a raw bidi call on the Count method can
        StatusRuntimeException e = twoRequests();
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    private static StatusRuntimeException twoRequests() {
        var raw = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING).setFullMethodName("kit4j.test.Echo/Count")
                .setRequestMarshaller(ErrorMappingTest.BYTES).setResponseMarshaller(ErrorMappingTest.BYTES).build();
        CompletableFuture<Status> done = new CompletableFuture<>();
        StreamObserver<byte[]> out = io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
                channel.newCall(raw, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
                new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(Status.OK);
                    }
                });
        byte[] one = EchoRequest.newBuilder().setText("n").setCount(1).build().toByteArray();
        out.onNext(one);
        out.onNext(one);
        out.onCompleted();
        Status s = done.join();
        return s.asRuntimeException();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
