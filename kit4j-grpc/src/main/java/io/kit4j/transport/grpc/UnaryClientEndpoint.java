package io.kit4j.transport.grpc;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.kit4j.context.Context;
import io.kit4j.context.Registration;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;
import java.util.concurrent.CountDownLatch;

/**
 * A unary gRPC method as an endpoint: go-kit's grpc {@code Client}. Each call: full method into the
 * context → encode → before hooks → call (deadline from the context; cancelling the context cancels the
 * call) → on a non-OK status the typed error ({@link GrpcErrors#fromStatus}) → after hooks → decode →
 * finalizers.
 */
final class UnaryClientEndpoint<Q, R, PQ, PR> implements Endpoint<Q, R> {
    private final Channel channel;
    private final MethodDescriptor<PQ, PR> method;
    private final Encoder<Q, PQ> encoder;
    private final Decoder<PR, R> decoder;
    private final ClientOptions options;

    UnaryClientEndpoint(Channel channel, MethodDescriptor<PQ, PR> method, Encoder<Q, PQ> encoder,
            Decoder<PR, R> decoder, ClientOptions options) {
        this.channel = channel;
        this.method = method;
        this.encoder = encoder;
        this.decoder = decoder;
        this.options = options;
    }

    @Override
    public R call(Context ctx, Q value) throws Exception {
        ctx = ctx.with(GrpcContextKeys.FULL_METHOD, method.getFullMethodName());
        Throwable failure = null;
        try {
            PQ request = encoder.encode(ctx, value);
            Metadata headers = new Metadata();
            for (ClientRequestHook hook : options.before) {
                ctx = hook.apply(ctx, headers);
            }
            ClientCall<PQ, PR> call = channel.newCall(method, options.forCall(ctx));
            Result<PR> result = new Result<>();
            call.start(result, headers);
            call.request(2);
            call.sendMessage(request);
            call.halfClose();
            Registration onCancel = ctx.onCancel(result::contextCancelled);
            try {
                result.done.await();
            } catch (InterruptedException e) {
                call.cancel("interrupted", e);
                throw e;
            } finally {
                onCancel.close();
            }
            if (result.status == null) {
                call.cancel("context canceled", null);
                throw ctx.err();
            }
            if (!result.status.isOk()) {
                Status.Code code = result.status.getCode();
                if (ctx.isDone() && (code == Status.Code.CANCELLED || code == Status.Code.DEADLINE_EXCEEDED)) {
                    throw ctx.err();
                }
                throw GrpcErrors.fromStatus(result.status, result.trailers);
            }
            if (result.message == null) {
                throw new KitError(io.kit4j.errors.ErrorCode.INTERNAL, "the server sent no reply message");
            }
            Metadata responseHeaders = result.headers != null ? result.headers : new Metadata();
            for (ClientResponseHook hook : options.after) {
                ctx = hook.apply(ctx, responseHeaders, result.trailers);
            }
            return decoder.decode(ctx, result.message);
        } catch (Exception e) {
            failure = e;
            throw e;
        } finally {
            options.finish(ctx, failure);
        }
    }

    /** What one call received; filled on the transport's thread, read after {@link #done}. */
    private static final class Result<PR> extends ClientCall.Listener<PR> {
        final CountDownLatch done = new CountDownLatch(1);
        Metadata headers;
        PR message;
        volatile Status status;
        Metadata trailers;

        @Override
        public void onHeaders(Metadata h) {
            headers = h;
        }

        @Override
        public void onMessage(PR m) {
            if (message == null) {
                message = m;
            }
        }

        @Override
        public void onClose(Status s, Metadata t) {
            trailers = t;
            status = s;
            done.countDown();
        }

        /** Wakes the caller without a status; it cancels the call on its own thread. */
        void contextCancelled() {
            done.countDown();
        }
    }
}
