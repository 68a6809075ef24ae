package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.transport.ErrorHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serves one endpoint over HTTP: go-kit's {@code httptransport.Server}, built from the endpoint, a
 * request decoder, a response encoder and options.
 *
 * <p>Each request runs in go-kit's order: before hooks → decode → endpoint → after hooks (success
 * only) → encode. Any failure on the way goes to the error handler, then to the error encoder. The
 * finalizers run at the end of every request with the status, the response headers and size, and the
 * failure if there was one.
 *
 * <pre>{@code
 * Handler h = EndpointHandler.builder(endpoint, decoder, JsonCodec.encoder())
 *         .before(HttpContextKeys.populateRequestContext())
 *         .errorHandler(ErrorHandler.logging(logger))
 *         .build();
 * }</pre>
 *
 * @param <Q> the endpoint's request type
 * @param <R> the endpoint's response type
 */
public final class EndpointHandler<Q, R> implements Handler {
    private final Endpoint<Q, R> endpoint;
    private final RequestDecoder<Q> decoder;
    private final ResponseEncoder<? super R> encoder;
    private final RequestHook[] before;
    private final ResponseHook[] after;
    private final ServerFinalizer[] finalizers;
    private final ErrorEncoder errorEncoder;
    private final ErrorHandler errorHandler;

    private EndpointHandler(Builder<Q, R> b) {
        this.endpoint = b.endpoint;
        this.decoder = b.decoder;
        this.encoder = b.encoder;
        this.before = b.before.toArray(RequestHook[]::new);
        this.after = b.after.toArray(ResponseHook[]::new);
        this.finalizers = b.finalizers.toArray(ServerFinalizer[]::new);
        this.errorEncoder = b.errorEncoder;
        this.errorHandler = b.errorHandler;
    }

    /** Starts a handler for {@code endpoint}. */
    public static <Q, R> Builder<Q, R> builder(Endpoint<Q, R> endpoint, RequestDecoder<Q> decoder,
            ResponseEncoder<? super R> encoder) {
        return new Builder<>(endpoint, decoder, encoder);
    }

    /** A handler with the default options. */
    public static <Q, R> EndpointHandler<Q, R> of(Endpoint<Q, R> endpoint, RequestDecoder<Q> decoder,
            ResponseEncoder<? super R> encoder) {
        return builder(endpoint, decoder, encoder).build();
    }

    @Override
    public void handle(Context ctx, ServerRequest request, ServerResponse response) throws Exception {
        Throwable failure = null;
        if (finalizers.length > 0 && ctx.get(HttpContextKeys.REQUEST_START_NANOS) == null) {
            ctx = ctx.with(HttpContextKeys.REQUEST_START_NANOS, ctx.clock().nanoTime());
        }
        try {
            for (RequestHook hook : before) {
                ctx = hook.apply(ctx, request);
            }
            Q q = decoder.decode(ctx, request);
            R r = endpoint.call(ctx, q);
            for (ResponseHook hook : after) {
                ctx = hook.apply(ctx, response);
            }
            encoder.encode(ctx, response, r);
        } catch (Exception | StackOverflowError e) {
            failure = e;
            errorHandler.handle(ctx, e);
            errorEncoder.encode(ctx, e, response);
        } finally {
            if (finalizers.length > 0) {
                ServerFinalizers.run(finalizers, ctx, request, response, failure);
            }
        }
    }

    /**
     * Options of an {@link EndpointHandler}. List-valued options append, as go-kit's do.
     *
     * @param <Q> the endpoint's request type
     * @param <R> the endpoint's response type
     */
    public static final class Builder<Q, R> {
        private final Endpoint<Q, R> endpoint;
        private final RequestDecoder<Q> decoder;
        private final ResponseEncoder<? super R> encoder;
        private final List<RequestHook> before = new ArrayList<>();
        private final List<ResponseHook> after = new ArrayList<>();
        private final List<ServerFinalizer> finalizers = new ArrayList<>();
        private ErrorEncoder errorEncoder = JsonErrorEncoder.INSTANCE;
        private ErrorHandler errorHandler = ErrorHandler.nop();

        private Builder(Endpoint<Q, R> endpoint, RequestDecoder<Q> decoder, ResponseEncoder<? super R> encoder) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            this.encoder = Objects.requireNonNull(encoder, "encoder");
        }

        /** go-kit's {@code ServerBefore}: hooks run in order before decoding. */
        public Builder<Q, R> before(RequestHook... hooks) {
            before.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ServerAfter}: hooks run in order after the endpoint succeeded, before encoding. */
        public Builder<Q, R> after(ResponseHook... hooks) {
            after.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ServerFinalizer}: run in order at the end of every request. */
        public Builder<Q, R> finalizer(ServerFinalizer... fs) {
            finalizers.addAll(List.of(fs));
            return this;
        }

        /** go-kit's {@code ServerErrorEncoder}: replaces {@link JsonErrorEncoder}. */
        public Builder<Q, R> errorEncoder(ErrorEncoder e) {
            errorEncoder = Objects.requireNonNull(e);
            return this;
        }

        /** go-kit's {@code ServerErrorHandler}: observes every failure before it is encoded. */
        public Builder<Q, R> errorHandler(ErrorHandler h) {
            errorHandler = Objects.requireNonNull(h);
            return this;
        }

        /** The handler. */
        public EndpointHandler<Q, R> build() {
            return new EndpointHandler<>(this);
        }
    }
}
