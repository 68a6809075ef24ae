package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;

/**
 * Serves one unary method with an endpoint: go-kit's grpc {@code Server}. In order: before hooks →
 * decode → endpoint → after hooks (success only) → encode → headers, reply, OK and trailers; a failure
 * goes to the error handler and is answered by {@link GrpcErrors}; the finalizers run last. The endpoint
 * runs on the thread gRPC delivers the call on (a virtual thread with {@link GrpcServer}).
 */
final class UnaryHandler<Q, R, PQ, PR> implements ServerCallHandler<Object, PR> {
    private final Endpoint<Q, R> endpoint;
    private final Decoder<PQ, Q> decoder;
    private final Encoder<R, PR> encoder;
    private final ServerOptions options;

    UnaryHandler(Endpoint<Q, R> endpoint, Decoder<PQ, Q> decoder, Encoder<R, PR> encoder, ServerOptions options) {
        this.endpoint = endpoint;
        this.decoder = decoder;
        this.encoder = encoder;
        this.options = options;
    }

    @Override
    public ServerCall.Listener<Object> startCall(ServerCall<Object, PR> call, Metadata headers) {
        call.request(2); // one request; a second one is a protocol error answered at once
        return new Listener(call, headers);
    }

    private final class Listener extends ServerCall.Listener<Object> {
        private final ServerCall<Object, PR> call;
        private final Metadata headers;
        private Object request;
        private boolean answered;

        Listener(ServerCall<Object, PR> call, Metadata headers) {
            this.call = call;
            this.headers = headers;
        }

        @Override
        public void onMessage(Object message) {
            if (request != null && !answered) {
                answered = true;
                serve(null, KitError.invalidArgument("a unary call takes one request message, got more"));
                return;
            }
            request = message;
        }

        @Override
        public void onHalfClose() {
            if (answered) {
                return;
            }
            answered = true;
            serve(request, request == null ? KitError.invalidArgument("half-closed without a request message") : null);
        }

        @SuppressWarnings("unchecked")
        private void serve(Object message, KitError protocolError) {
            ServerCallScope scope = ServerCallScope.open(io.grpc.Context.current(), call, options);
            Context ctx = scope.context();
            Status status = Status.OK;
            Throwable failure = null;
            try {
                for (ServerRequestHook hook : options.before) {
                    ctx = hook.apply(ctx, headers);
                }
                if (protocolError != null) {
                    throw protocolError;
                }
                if (message instanceof BadMessage bad) {
                    throw bad.error();
                }
                Q q = decoder.decode(ctx, (PQ) message);
                R r = endpoint.call(ctx, q);
                Metadata responseHeaders = new Metadata();
                Metadata trailers = new Metadata();
                for (ServerResponseHook hook : options.after) {
                    ctx = hook.apply(ctx, responseHeaders, trailers);
                }
                PR reply = encoder.encode(ctx, r);
                call.sendHeaders(responseHeaders);
                call.sendMessage(reply);
                call.close(Status.OK, trailers);
            } catch (Exception | StackOverflowError e) {
                failure = e;
                status = ServerCallScope.fail(call, options, ctx, e);
            } finally {
                scope.close();
                ServerCallScope.finish(options, ctx, status, failure);
            }
        }
    }
}
