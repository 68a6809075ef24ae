package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.context.Registration;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;

/**
 * Calls a remote HTTP endpoint as a local {@link Endpoint}: go-kit's {@code httptransport.Client}, built
 * from a method, a target URI, a request encoder, a response decoder and options.
 *
 * <p>Each call: encode → before hooks → send → after hooks → decode → finalizers. The context's deadline
 * bounds the whole call and its cancellation aborts it. Failures to reach the server are 503
 * {@link KitError}s (with the cause attached), a passed deadline a {@link DeadlineExceededException}.
 * The body is closed when the call returns, unless {@link Builder#bufferedStream(boolean)} leaves it to
 * the caller.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class ClientEndpoint<Q, R> implements Endpoint<Q, R> {
    private final HttpClient client;
    private final String method;
    private final URI target;
    private final RequestEncoder<? super Q> encoder;
    private final ResponseDecoder<? extends R> decoder;
    private final ClientRequestHook[] before;
    private final ClientResponseHook[] after;
    private final ClientFinalizer[] finalizers;
    private final boolean bufferedStream;
    private final Duration timeout;

    private ClientEndpoint(Builder<Q, R> b) {
        client = b.client != null ? b.client : HttpClients.shared();
        method = b.method;
        target = b.target;
        encoder = b.encoder;
        decoder = b.decoder;
        before = b.before.toArray(ClientRequestHook[]::new);
        after = b.after.toArray(ClientResponseHook[]::new);
        finalizers = b.finalizers.toArray(ClientFinalizer[]::new);
        bufferedStream = b.bufferedStream;
        timeout = b.timeout;
    }

    /** Starts a client endpoint for {@code method} on {@code target}. */
    public static <Q, R> Builder<Q, R> builder(String method, URI target, RequestEncoder<? super Q> encoder,
            ResponseDecoder<? extends R> decoder) {
        return new Builder<>(method, target, encoder, decoder);
    }

    @Override
    public R call(Context ctx, Q value) throws Exception {
        Throwable failure = null;
        Response received = null;
        InputStream body = null;
        try {
            ClientRequest req = new ClientRequest(method, target);
            encoder.encode(ctx, req, value);
            for (ClientRequestHook hook : before) {
                ctx = hook.apply(ctx, req);
            }
            long millis = budgetMillis(ctx);
            Request jr = client.newRequest(req.uri()).method(req.method()).timeout(millis, TimeUnit.MILLISECONDS);
            jr.headers(h -> {
                for (Map.Entry<String, List<String>> e : req.headers().entrySet()) {
                    if (!e.getKey().equals("content-type")) {
                        for (String v : e.getValue()) {
                            h.add(e.getKey(), v);
                        }
                    }
                }
            });
            if (req.body() != null) {
                jr.body(new BytesRequestContent(req.header("content-type"), req.body()));
            }
            InputStreamResponseListener listener = new InputStreamResponseListener();
            try (Registration reg = ctx.onCancel(() -> jr.abort(new ContextCanceledException()))) {
                jr.send(listener);
                received = listener.get(millis, TimeUnit.MILLISECONDS);
                body = listener.getInputStream();
                ClientResponse resp = new ClientResponse(received, body);
                for (ClientResponseHook hook : after) {
                    ctx = hook.apply(ctx, resp);
                }
                R r = decoder.decode(ctx, resp);
                if (!bufferedStream) {
                    body.close();
                }
                return r;
            }
        } catch (Exception e) {
            failure = translate(ctx, e);
            if (body != null) {
                body.close();
            }
            throw failure instanceof Exception ex ? ex : e;
        } finally {
            if (finalizers.length > 0) {
                Context fctx = ctx;
                if (received != null) {
                    fctx = fctx.with(HttpContextKeys.RESPONSE_HEADERS, new ClientResponse(received, null).headers())
                            .with(HttpContextKeys.RESPONSE_SIZE, received.getHeaders().getLongField("Content-Length"));
                }
                for (ClientFinalizer f : finalizers) {
                    f.finish(fctx, failure);
                }
            }
        }
    }

    private long budgetMillis(Context ctx) {
        long millis = timeout.toMillis();
        var remaining = ctx.remaining();
        if (remaining.isPresent()) {
            long left = remaining.get().toMillis();
            if (left <= 0) {
                throw new DeadlineExceededException();
            }
            millis = Math.min(millis, left);
        }
        return millis;
    }

    private Throwable translate(Context ctx, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof KitError) {
            return cause;
        }
        if (cause instanceof TimeoutException) {
            return new DeadlineExceededException("call to " + target.getHost() + " timed out");
        }
        if (ctx.isDone() && (cause instanceof java.io.IOException || e instanceof ExecutionException)) {
            return ctx.err();
        }
        if (cause instanceof ConnectException) {
            return new KitError(ErrorCode.UNAVAILABLE, "upstream unavailable: connection refused", cause);
        }
        if (cause instanceof java.io.IOException || e instanceof ExecutionException) {
            return new KitError(ErrorCode.UNAVAILABLE, "upstream request failed", cause);
        }
        return e;
    }

    /**
     * Options of a {@link ClientEndpoint}. List-valued options append.
     *
     * @param <Q> the request type
     * @param <R> the response type
     */
    public static final class Builder<Q, R> {
        private final String method;
        private final URI target;
        private final RequestEncoder<? super Q> encoder;
        private final ResponseDecoder<? extends R> decoder;
        private final List<ClientRequestHook> before = new ArrayList<>();
        private final List<ClientResponseHook> after = new ArrayList<>();
        private final List<ClientFinalizer> finalizers = new ArrayList<>();
        private HttpClient client;
        private boolean bufferedStream;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(String method, URI target, RequestEncoder<? super Q> encoder,
                ResponseDecoder<? extends R> decoder) {
            this.method = Objects.requireNonNull(method);
            this.target = Objects.requireNonNull(target);
            this.encoder = Objects.requireNonNull(encoder);
            this.decoder = Objects.requireNonNull(decoder);
        }

        /** go-kit's {@code SetClient}: the Jetty client to use instead of {@link HttpClients#shared()}. */
        public Builder<Q, R> client(HttpClient client) {
            this.client = client;
            return this;
        }

        /** go-kit's {@code ClientBefore}. */
        public Builder<Q, R> before(ClientRequestHook... hooks) {
            before.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ClientAfter}. */
        public Builder<Q, R> after(ClientResponseHook... hooks) {
            after.addAll(List.of(hooks));
            return this;
        }

        /** go-kit's {@code ClientFinalizer}. */
        public Builder<Q, R> finalizer(ClientFinalizer... fs) {
            finalizers.addAll(List.of(fs));
            return this;
        }

        /**
         * go-kit's {@code BufferedStream}: when true the body stays open after the call returns and the
         * decoder's result owns it (for streaming downloads); the caller must close it.
         */
        public Builder<Q, R> bufferedStream(boolean leaveOpen) {
            this.bufferedStream = leaveOpen;
            return this;
        }

        /** The longest a call may take when the context has no earlier deadline. Default 30 s. */
        public Builder<Q, R> timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The client endpoint. */
        public ClientEndpoint<Q, R> build() {
            return new ClientEndpoint<>(this);
        }
    }
}
