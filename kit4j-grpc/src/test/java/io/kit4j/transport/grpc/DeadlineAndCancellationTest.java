package io.kit4j.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.transport.grpc.EchoServer.Reply;
import io.kit4j.transport.grpc.EchoServer.Say;
import io.kit4j.transport.grpc.testpb.EchoGrpc;
import io.kit4j.transport.grpc.testpb.EchoRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The context's deadline travels as the gRPC deadline and back; cancellation reaches the server's context. */
class DeadlineAndCancellationTest {
    static EchoServer echo;
    static ManagedChannel channel;
    static Endpoint<Say, Reply> say;

    @BeforeAll
    static void start() {
        echo = new EchoServer();
        channel = echo.channel();
        say = GrpcClient.unary(channel, EchoGrpc.getSayMethod(), EchoServer::toWire, EchoServer::fromWire);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        echo.close();
    }

    @BeforeEach
    void clear() {
        echo.doneContexts.clear();
        echo.started.clear();
    }

    @Test
    void theClientsDeadlineIsTheServerContextsDeadline() throws Exception {
        Reply r = say.call(Context.background().withTimeout(Duration.ofSeconds(20)), new Say("deadline", 0, 0));
        long left = Long.parseLong(r.text());
        assertTrue(left > 0 && left <= 20_000, "server saw " + left + " ms left");

        assertEquals("none", say.call(Context.background(), new Say("deadline", 0, 0)).text());

        // a client kit4j did not write sets the deadline its own way
        String stubLeft = EchoGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS)
                .say(EchoRequest.newBuilder().setText("deadline").build()).getText();
        assertTrue(Long.parseLong(stubLeft) > 0 && Long.parseLong(stubLeft) <= 15_000, stubLeft);
    }

    @Test
    void theClientTimeoutOptionBoundsCallsWithoutADeadline() throws Exception {
        Endpoint<Say, Reply> bounded = GrpcClient.unary(channel, EchoGrpc.getSayMethod(), EchoServer::toWire,
                EchoServer::fromWire, ClientOptions.builder().timeout(Duration.ofSeconds(12)).build());
        long left = Long.parseLong(bounded.call(Context.background(), new Say("deadline", 0, 0)).text());
        assertTrue(left > 0 && left <= 12_000, left + " ms");
    }

    @Test
    void aPassedDeadlineEndsTheCallOnBothSides() throws Exception {
        Context ctx = Context.background().withTimeout(Duration.ofMillis(300));
        DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                () -> say.call(ctx, new Say("wait", 0, 0)));
        assertNotNull(e.getMessage());
        Context serverCtx = echo.doneContexts.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverCtx, "the server's context was never done");
        assertTrue(serverCtx.isDone());
        // the server's endpoint was told to stop; its finalizer ran with a failure
        EchoServer.Finished f = echo.finished.stream()
                .filter(x -> x.error() instanceof io.kit4j.errors.KitError).reduce((a, b) -> b).orElseThrow();
        assertTrue(f.code() == Status.Code.CANCELLED || f.code() == Status.Code.DEADLINE_EXCEEDED, f.toString());
    }

    @Test
    void aStubsDeadlineEndsTheServersContextToo() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> EchoGrpc.newBlockingStub(channel)
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS).say(EchoRequest.newBuilder().setText("wait").build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertNotNull(echo.doneContexts.poll(30, TimeUnit.SECONDS), "the server's context was never done");
    }

    @Test
    void cancellingTheClientContextCancelsTheServerContext() throws Exception {
        Cancellable c = Context.background().withCancel();
        CompletableFuture<Reply> call = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                call.complete(say.call(c.context(), new Say("wait", 0, 0)));
            } catch (Throwable t) {
                call.completeExceptionally(t);
            }
        });
        assertNotNull(echo.started.poll(30, TimeUnit.SECONDS), "the call never reached the server");
        c.cancel();

        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ContextCanceledException.class, e.getCause());
        Context serverCtx = echo.doneContexts.poll(30, TimeUnit.SECONDS);
        assertNotNull(serverCtx, "the server's context was never cancelled");
        assertInstanceOf(ContextCanceledException.class, serverCtx.err());
    }

    @Test
    void aContextDoneBeforeTheCallFailsAtOnce() {
        Cancellable c = Context.background().withCancel();
        c.cancel();
        assertThrows(ContextCanceledException.class, () -> say.call(c.context(), new Say("x", 0, 0)));
        Context passed = Context.background().withTimeout(Duration.ofNanos(1));
        assertThrows(DeadlineExceededException.class, () -> say.call(passed, new Say("x", 0, 0)));
    }
}
