package io.kit4j.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kit4j.gateway.testpb.Msg;
import io.kit4j.gateway.testpb.RelayGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java server (Netty, 127.0.0.1, a free port) serving the test service Relay, for the
 * gateway's gRPC tests. Every answer carries the trailer {@code x-served-by: <name>}.
 *
 * <p>Unary by text: {@code fail} closes with FAILED_PRECONDITION, a message with non-ASCII and {@code %},
 * and custom trailers (text, binary, {@code grpc-status-details-bin}) before any message (trailers-only);
 * {@code deadline} answers the deadline the call arrived with in millis ({@code none} without); {@code big}
 * answers a blob of {@code size} bytes and the size of the blob it got; any {@code delay_millis} is
 * waited first; else the text is echoed with the server's name. ServerStream answers {@code n} messages
 * ({@code fail-after}: then fails); ClientStream counts messages and blob bytes; Bidi echoes each.
 */
final class GrpcUpstream implements AutoCloseable {
    static final Metadata.Key<String> SERVED_BY = Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> CUSTOM = Metadata.Key.of("x-custom", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<byte[]> CUSTOM_BIN = Metadata.Key.of("x-custom-bin", Metadata.BINARY_BYTE_MARSHALLER);
    static final Metadata.Key<byte[]> DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
    static final String FAIL_MESSAGE = "precondition failed: ünïcödé 100% ✓";
    static final byte[] BINARY = {0, 1, 2, (byte) 0xFE, (byte) 0xFF, 10, 13};

    final String name;
    private final Server server;

    GrpcUpstream(String name) throws IOException {
        this.name = name;
        ServerInterceptor servedBy = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        trailers.put(SERVED_BY, name);
                        super.close(status, trailers);
                    }
                }, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(256 << 20)
                .addService(ServerInterceptors.intercept(new Service(), servedBy))
                .build().start();
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Service extends RelayGrpc.RelayImplBase {
        @Override
        public void unary(Msg m, StreamObserver<Msg> out) {
            if (m.getDelayMillis() > 0) {
                try {
                    Thread.sleep(m.getDelayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            switch (m.getText()) {
                case "fail" -> {
                    Metadata t = new Metadata();
                    t.put(CUSTOM, "yes");
                    t.put(CUSTOM_BIN, BINARY);
                    t.put(DETAILS, BINARY);
                    out.onError(Status.FAILED_PRECONDITION.withDescription(FAIL_MESSAGE).asRuntimeException(t));
                }
                case "deadline" -> {
                    Deadline d = Context.current().getDeadline();
                    out.onNext(Msg.newBuilder().setText(d == null ? "none"
                            : Long.toString(d.timeRemaining(TimeUnit.MILLISECONDS))).build());
                    out.onCompleted();
                }
                case "big" -> {
                    out.onNext(Msg.newBuilder().setText(Long.toString(m.getBlob().size()))
                            .setBlob(ByteString.copyFrom(pattern((int) m.getSize()))).build());
                    out.onCompleted();
                }
                default -> {
                    out.onNext(Msg.newBuilder().setText(name + ":" + m.getText()).build());
                    out.onCompleted();
                }
            }
        }

        @Override
        public void serverStream(Msg m, StreamObserver<Msg> out) {
            for (int i = 0; i < m.getN(); i++) {
                out.onNext(Msg.newBuilder().setText(m.getText()).setN(i).build());
            }
            if (m.getText().equals("fail-after")) {
                Metadata t = new Metadata();
                t.put(CUSTOM, "after");
                out.onError(Status.ABORTED.withDescription("stopped after " + m.getN()).asRuntimeException(t));
            } else {
                out.onCompleted();
            }
        }

        @Override
        public StreamObserver<Msg> clientStream(StreamObserver<Msg> out) {
            return new StreamObserver<>() {
                int count;
                long bytes;

                @Override
                public void onNext(Msg m) {
                    count++;
                    bytes += m.getBlob().size();
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onNext(Msg.newBuilder().setN(count).setSize(bytes).build());
                    out.onCompleted();
                }
            };
        }

        @Override
        public StreamObserver<Msg> bidi(StreamObserver<Msg> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(Msg m) {
                    out.onNext(Msg.newBuilder().setText("pong:" + m.getText()).setN(m.getN()).build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }

    /** {@code n} bytes of a fixed pattern. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 11));
        }
        return b;
    }
}
