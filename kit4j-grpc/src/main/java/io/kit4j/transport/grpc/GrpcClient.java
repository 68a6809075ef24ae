package io.kit4j.transport.grpc;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;

/**
 * gRPC methods as endpoints: go-kit's grpc {@code NewClient(conn, service, method, enc, dec, reply)},
 * with the method descriptor of generated code ({@code UserServiceGrpc.getGetUserMethod()}) in place of
 * names and a reply prototype.
 *
 * <pre>{@code
 * ManagedChannel channel = GrpcClient.plaintext("127.0.0.1:9090");
 * Endpoint<ById, User> get = GrpcClient.unary(channel, UserServiceGrpc.getGetUserMethod(),
 *         (ctx, r) -> GetUserRequest.newBuilder().setId(r.id()).build(), (ctx, p) -> toUser(p));
 * }</pre>
 *
 * <p>The context's deadline is the call's gRPC deadline; cancelling the context cancels the call; a
 * non-OK status is thrown as the typed kit4j error the server answered with ({@link GrpcErrors}).
 */
public final class GrpcClient {
    private GrpcClient() {
    }

    /** A plaintext channel to {@code target} ({@code host:port} or a gRPC name); shut it down when done. */
    public static ManagedChannel plaintext(String target) {
        return NettyChannelBuilder.forTarget(target).usePlaintext().build();
    }

    /** The unary {@code method} as an endpoint, with default options. */
    public static <Q, R, PQ, PR> Endpoint<Q, R> unary(Channel channel, MethodDescriptor<PQ, PR> method,
            Encoder<Q, PQ> encoder, Decoder<PR, R> decoder) {
        return unary(channel, method, encoder, decoder, ClientOptions.defaults());
    }

    /** The unary {@code method} as an endpoint. */
    public static <Q, R, PQ, PR> Endpoint<Q, R> unary(Channel channel, MethodDescriptor<PQ, PR> method,
            Encoder<Q, PQ> encoder, Decoder<PR, R> decoder, ClientOptions options) {
        require(method, MethodDescriptor.MethodType.UNARY);
        return new UnaryClientEndpoint<>(channel, method, encoder, decoder, options);
    }

    /**
     * The server-streaming {@code method} as an endpoint that returns the stream of replies. The
     * finalizers and after hooks run when the stream ends (or is closed), not when the endpoint returns.
     */
    public static <Q, R, PQ, PR> Endpoint<Q, ClientStream<R>> serverStreaming(Channel channel,
            MethodDescriptor<PQ, PR> method, Encoder<Q, PQ> encoder, Decoder<PR, R> decoder, ClientOptions options) {
        require(method, MethodDescriptor.MethodType.SERVER_STREAMING);
        return (ctx, value) -> {
            Context c = ctx.with(GrpcContextKeys.FULL_METHOD, method.getFullMethodName());
            try {
                PQ request = encoder.encode(c, value);
                return open(channel, method, c, request, null, decoder, options);
            } catch (Exception e) {
                options.finish(c, e);
                throw e;
            }
        };
    }

    /**
     * The bidirectional-streaming {@code method} as an endpoint that opens the stream (call it with a
     * null request): send requests, half-close, receive replies.
     */
    public static <Q, R, PQ, PR> Endpoint<Void, ClientBidiStream<Q, R>> bidiStreaming(Channel channel,
            MethodDescriptor<PQ, PR> method, Encoder<Q, PQ> encoder, Decoder<PR, R> decoder, ClientOptions options) {
        require(method, MethodDescriptor.MethodType.BIDI_STREAMING);
        return (ctx, ignored) -> {
            Context c = ctx.with(GrpcContextKeys.FULL_METHOD, method.getFullMethodName());
            try {
                return open(channel, method, c, null, encoder, decoder, options);
            } catch (Exception e) {
                options.finish(c, e);
                throw e;
            }
        };
    }

    private static <Q, R, PQ, PR> ClientStreamCall<Q, R, PQ, PR> open(Channel channel, MethodDescriptor<PQ, PR> method,
            Context ctx, PQ onlyRequest, Encoder<Q, PQ> encoder, Decoder<PR, R> decoder, ClientOptions options) {
        Metadata headers = new Metadata();
        for (ClientRequestHook hook : options.before) {
            ctx = hook.apply(ctx, headers);
        }
        ClientCall<PQ, PR> call = channel.newCall(method, options.forCall(ctx));
        ClientStreamCall<Q, R, PQ, PR> stream = new ClientStreamCall<>(call, ctx, encoder, decoder, options);
        stream.start(headers, onlyRequest);
        return stream;
    }

    private static void require(MethodDescriptor<?, ?> method, MethodDescriptor.MethodType type) {
        if (method.getType() != type) {
            throw new IllegalArgumentException(method.getFullMethodName() + " is " + method.getType() + ", not " + type);
        }
    }
}
