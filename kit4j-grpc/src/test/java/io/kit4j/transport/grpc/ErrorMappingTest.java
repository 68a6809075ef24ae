package io.kit4j.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.grpc.EchoServer.Reply;
import io.kit4j.transport.grpc.EchoServer.Say;
import io.kit4j.transport.grpc.testpb.EchoGrpc;
import io.kit4j.transport.grpc.testpb.EchoRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kit4j errors → gRPC statuses on the wire → the same typed errors on kit4j's client; bad input is INVALID_ARGUMENT. */
class ErrorMappingTest {
    static EchoServer echo;
    static ManagedChannel channel;
    static Endpoint<Say, Reply> say;

    static final Map<ErrorCode, Status.Code> ISSUE_CODES = Map.of(
            ErrorCode.INVALID_ARGUMENT, Status.Code.INVALID_ARGUMENT,
            ErrorCode.NOT_FOUND, Status.Code.NOT_FOUND,
            ErrorCode.ALREADY_EXISTS, Status.Code.ALREADY_EXISTS,
            ErrorCode.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED,
            ErrorCode.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED,
            ErrorCode.RESOURCE_EXHAUSTED, Status.Code.RESOURCE_EXHAUSTED,
            ErrorCode.UNAVAILABLE, Status.Code.UNAVAILABLE,
            ErrorCode.DEADLINE_EXCEEDED, Status.Code.DEADLINE_EXCEEDED,
            ErrorCode.INTERNAL, Status.Code.INTERNAL);

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

    private static StatusRuntimeException rawCall(String text) {
        return assertThrows(StatusRuntimeException.class,
                () -> EchoGrpc.newBlockingStub(channel).say(EchoRequest.newBuilder().setText(text).build()));
    }

    @Test
    void theIssuesCodesMapOneToOne() {
        ISSUE_CODES.forEach((kit, grpc) -> {
            assertEquals(grpc, GrpcErrors.toGrpc(kit), kit.name());
            assertEquals(kit, GrpcErrors.fromGrpc(grpc), grpc.name());
        });
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyKitErrorCodeSurvivesTheTrip(ErrorCode code) throws Exception {
        StatusRuntimeException raw = rawCall("code:" + code.name());
        assertEquals(GrpcErrors.toGrpc(code), raw.getStatus().getCode());
        assertEquals("failed with " + code.id(), raw.getStatus().getDescription());
        assertEquals(code.id(), raw.getTrailers().get(GrpcErrors.ERROR_CODE));
        assertFalse(raw.getStatus().toString().contains("hunter2"), "the cause stays on the server");

        KitError back = assertThrows(KitError.class, () -> say.call(Context.background(), new Say("code:" + code.name(), 0, 0)));
        assertEquals(code, back.code());
        if (code == ErrorCode.CANCELED) {
            assertInstanceOf(io.kit4j.context.ContextCanceledException.class, back);
        } else {
            assertEquals("failed with " + code.id(), back.getMessage());
        }
        if (code == ErrorCode.DEADLINE_EXCEEDED) {
            assertInstanceOf(io.kit4j.context.DeadlineExceededException.class, back);
        }
    }

    @Test
    void undeclaredFailuresAreInternalWithAGenericMessage() throws Exception {
        StatusRuntimeException raw = rawCall("boom");
        assertEquals(Status.Code.INTERNAL, raw.getStatus().getCode());
        assertEquals("internal server error", raw.getStatus().getDescription());
        assertFalse(raw.toString().contains("hunter2"));
        assertFalse(raw.getTrailers().toString().contains("hunter2"));
        KitError back = assertThrows(KitError.class, () -> say.call(Context.background(), new Say("boom", 0, 0)));
        assertEquals(ErrorCode.INTERNAL, back.code());
        assertEquals("internal server error", back.getMessage());
        assertTrue(echo.handled.stream().anyMatch(e -> e instanceof IllegalStateException
                && e.getMessage().equals(EchoServer.SECRET)), "the error handler sees the real failure");
    }

    @Test
    void hasStatusExceptionsAndHeadersTravelToo() throws Exception {
        StatusRuntimeException teapot = rawCall("teapot");
        assertEquals(Status.Code.INVALID_ARGUMENT, teapot.getStatus().getCode()); // 418: a 4xx without a code
        assertEquals("short and stout", teapot.getStatus().getDescription());

        StatusRuntimeException limited = rawCall("limited");
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, limited.getStatus().getCode());
        assertEquals("7", GrpcMetadata.get(limited.getTrailers(), "retry-after"));
    }

    @Test
    void aDecoderRefusingTheRequestIsInvalidArgument() throws Exception {
        StatusRuntimeException raw = rawCall("undecodable");
        assertEquals(Status.Code.INVALID_ARGUMENT, raw.getStatus().getCode());
        assertEquals("text must not be \"undecodable\"", raw.getStatus().getDescription());
    }

    /** Sends raw bytes as the request of {@code fullMethod}. */
    static StatusRuntimeException sendBytes(String fullMethod, MethodDescriptor.MethodType type, byte[] body) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type).setFullMethodName(fullMethod)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        return assertThrows(StatusRuntimeException.class, () -> {
            var it = ClientCalls.blockingServerStreamingCall(call, body);
            while (it.hasNext()) {
                it.next();
            }
        });
    }

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    @Test
    void malformedMessagesAreInvalidArgumentNotInternal() {
        // field 1 (text) says 100 bytes follow, two do: a truncated message
        byte[] truncated = {0x0A, 100, 'h', 'i'};
        // tag 0 is never valid
        byte[] badTag = {0x00, 0x01};
        for (byte[] body : new byte[][] {truncated, badTag}) {
            StatusRuntimeException e = sendBytes("kit4j.test.Echo/Say", MethodDescriptor.MethodType.UNARY, body);
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
            assertTrue(e.getStatus().getDescription().startsWith("malformed request message"), e.toString());
            assertEquals(Status.Code.INVALID_ARGUMENT, sendBytes("kit4j.test.Echo/Count",
                    MethodDescriptor.MethodType.SERVER_STREAMING, body).getStatus().getCode());
        }
    }

    @Test
    void grpcJavaAloneAnswersMalformedMessagesWithUnknown() throws Exception {
        // why kit4j wraps the request marshaller: the same bytes to a plain ImplBase service
        GrpcServer plain = GrpcServer.builder().service(new UnaryTest.PlainEcho()).build().start();
        ManagedChannel ch = GrpcClient.plaintext(plain.target());
        try {
            MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("kit4j.test.Echo/Say")
                    .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(ch, raw, CallOptions.DEFAULT, new byte[] {0x0A, 100, 'h'}));
            assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        } finally {
            ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            plain.stop();
        }
    }

    @Test
    void anUnboundMethodIsUnimplemented() {
        StatusRuntimeException e = sendBytes("kit4j.test.Echo/Nope", MethodDescriptor.MethodType.UNARY, new byte[0]);
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    @Test
    void statusesFromNonKit4jServersMapByCode() {
        Metadata none = new Metadata();
        assertEquals(ErrorCode.INVALID_ARGUMENT, GrpcErrors.fromStatus(Status.OUT_OF_RANGE, none).code());
        assertEquals(ErrorCode.INTERNAL, GrpcErrors.fromStatus(Status.DATA_LOSS, none).code());
        assertEquals("not found", GrpcErrors.fromStatus(Status.NOT_FOUND, null).getMessage());
        Metadata kit = new Metadata();
        kit.put(GrpcErrors.ERROR_CODE, "method_not_allowed");
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, GrpcErrors.fromStatus(Status.UNIMPLEMENTED, kit).code());
    }
}
