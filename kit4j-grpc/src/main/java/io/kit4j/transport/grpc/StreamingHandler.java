package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.kit4j.endpoint.Endpoint;

/**
 * Serves a server-streaming or bidirectional method with an endpoint that takes the stream
 * ({@link ServerStream} or {@link BidiStream}). The endpoint runs on a virtual thread of its own, so it
 * may block on {@link BidiStream#receive()} and on flow control while gRPC keeps delivering the call's
 * events; the hooks and finalizers run as for unary calls (see {@link StreamingCall}).
 */
final class StreamingHandler<Q, R, PQ, PR> implements ServerCallHandler<Object, PR> {
    final Endpoint<ServerStream<Q, R>, ?> serverStreaming;
    final Endpoint<BidiStream<Q, R>, ?> bidi;
    final Decoder<PQ, Q> decoder;
    final Encoder<R, PR> encoder;
    final ServerOptions options;

    private StreamingHandler(Endpoint<ServerStream<Q, R>, ?> serverStreaming, Endpoint<BidiStream<Q, R>, ?> bidi,
            Decoder<PQ, Q> decoder, Encoder<R, PR> encoder, ServerOptions options) {
        this.serverStreaming = serverStreaming;
        this.bidi = bidi;
        this.decoder = decoder;
        this.encoder = encoder;
        this.options = options;
    }

    static <Q, R, PQ, PR> StreamingHandler<Q, R, PQ, PR> serverStreaming(Endpoint<ServerStream<Q, R>, ?> e,
            Decoder<PQ, Q> decoder, Encoder<R, PR> encoder, ServerOptions options) {
        return new StreamingHandler<>(e, null, decoder, encoder, options);
    }

    static <Q, R, PQ, PR> StreamingHandler<Q, R, PQ, PR> bidi(Endpoint<BidiStream<Q, R>, ?> e,
            Decoder<PQ, Q> decoder, Encoder<R, PR> encoder, ServerOptions options) {
        return new StreamingHandler<>(null, e, decoder, encoder, options);
    }

    @Override
    public ServerCall.Listener<Object> startCall(ServerCall<Object, PR> call, Metadata headers) {
        StreamingCall<Q, R, PQ, PR> sc = new StreamingCall<>(this, call, headers, io.grpc.Context.current());
        if (bidi != null) {
            sc.start();
        } else {
            call.request(2);
        }
        return sc;
    }
}
