package io.kit4j.gateway;

import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.context.Registration;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;
import io.kit4j.metrics.Counter;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Sends a {@link ProxyRequest} to one upstream instance with Jetty's {@link HttpClient} and returns as
 * soon as the answer's headers are in (for a body of at most 32 KiB: once it is complete, see
 * {@link UpstreamListener}): the request body streams from the client's connection while it is sent, the
 * answer's body is left to the caller as a stream. The context's deadline bounds the wait for the
 * headers; its cancellation aborts the exchange.
 *
 * <p>A gRPC call ({@link ProxyRequest#grpc()}) goes over the gateway's h2c client instead, with
 * {@code te: trailers}, a {@code grpc-timeout} of the time left, and its body pumped as it arrives
 * ({@link PumpedContent}); the answer's trailers are read from the exchange once its body has ended.
 *
 * <p>Failures: no connection or a broken one is an {@link UpstreamException} (502); the deadline a
 * {@link DeadlineExceededException} (504); an answer whose status the request retries on an
 * {@link UpstreamStatusException} holding it.
 */
final class UpstreamEndpoint implements Endpoint<ProxyRequest, UpstreamResponse>, AutoCloseable {
    private static final long NO_DEADLINE_MILLIS = Duration.ofMinutes(5).toMillis();
    /** How long the blocking path waits for more of an answer's body (the Jetty client's idle timeout). */
    static final long BODY_IDLE_MILLIS = Duration.ofSeconds(60).toMillis();
    private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("GET", "HEAD", "OPTIONS", "PUT",
            "DELETE", "TRACE");
    private final HttpClient client;
    private final Http1Pool pool;
    private final IllegalArgumentException badInstance;
    private final Supplier<HttpClient> h2c;
    private final String upstream;
    private final String instance;
    private final GatewayMetrics metrics;
    /** The upstream attempts counter by status (0: no answer), made on first use: a label lookup costs more than the add. */
    private final AtomicReferenceArray<Counter> calls = new AtomicReferenceArray<>(600);
    private final GatewayTracing tracing;

    UpstreamEndpoint(HttpClient client, Supplier<HttpClient> h2c, String upstream, String instance,
            GatewayMetrics metrics, GatewayTracing tracing) {
        this.client = client;
        Http1Pool p = null;
        IllegalArgumentException bad = null;
        if (client == null) {
            try {
                p = new Http1Pool(instance);
            } catch (IllegalArgumentException e) {
                bad = e;
            }
        }
        this.pool = p;
        this.badInstance = bad;
        this.h2c = h2c;
        this.upstream = upstream;
        this.instance = instance;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public UpstreamResponse call(Context ctx, ProxyRequest p) throws Exception {
        int status = 0;
        Context attempt = null;
        Throwable failure = null;
        try {
            UpstreamResponse r;
            if (client == null && !p.grpc()) {
                HttpFields headers = p.headers();
                if (tracing != null) {
                    HttpFields.Mutable copy = HttpFields.build(headers);
                    attempt = tracing.attempt(ctx, p.method(), uri(p), copy, p.nextAttempt());
                    headers = copy;
                }
                r = sendHttp1(ctx, p, headers);
            } else {
                Request jr = request(ctx, p);
                if (tracing != null) {
                    attempt = tracing.attempt(ctx, jr, p.nextAttempt());
                }
                r = send(ctx, jr);
            }
            status = r.status();
            if (attempt != null) {
                tracing.answered(attempt, r.status());
            }
            if (p.retriesOn(r.status())) {
                p.hold(r);
                throw new UpstreamStatusException(r);
            }
            return r;
        } catch (UpstreamStatusException e) {
            throw e; // answered: its status is on the span
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            if (attempt != null) {
                tracing.ended(attempt, failure);
            }
            calls(status).add(1);
        }
    }

    /** The attempts counter of {@code status} (0: no answer), labelled once per status. */
    private Counter calls(int status) {
        if (status < 0 || status >= 600) {
            return metrics.upstreamCalls().with("upstream", upstream, "instance", instance, "outcome", Integer.toString(status));
        }
        Counter c = calls.get(status);
        if (c == null) {
            c = metrics.upstreamCalls().with("upstream", upstream, "instance", instance,
                    "outcome", status == 0 ? "error" : Integer.toString(status));
            calls.set(status, c);
        }
        return c;
    }

    private URI uri(ProxyRequest p) {
        try {
            return URI.create("http://" + instance + p.target());
        } catch (IllegalArgumentException e) {
            throw KitError.invalidArgument("the request target cannot be forwarded");
        }
    }

    /** Closes the idle connections of the blocking path. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Sends {@code p} over a pooled HTTP/1.1 connection with blocking I/O on the calling thread (see
     * {@link Http1Connection}) and returns once the answer's head is in, its body left to stream. The
     * deadline bounds the sending of the request and the wait for the head ({@link Http1Deadlines}); a
     * request sent on a reused connection that the upstream had closed (it fails before any byte of an
     * answer) is sent once more on a new connection when its method is idempotent and it has no body.
     */
    private UpstreamResponse sendHttp1(Context ctx, ProxyRequest p, HttpFields headers) throws Exception {
        if (pool == null) {
            throw new UpstreamException(instance, true, badInstance);
        }
        checkTarget(p.target());
        RequestBody body = p.body();
        java.util.concurrent.atomic.AtomicReference<Http1Connection> current = new java.util.concurrent.atomic.AtomicReference<>();
        Registration reg = ctx.onCancel(() -> {
            Http1Connection c = current.get();
            if (c != null) {
                c.close();
            }
        });
        try {
            for (int tries = 0; ; tries++) {
                long millis = ctx.remaining().map(Duration::toMillis).orElse(NO_DEADLINE_MILLIS);
                if (millis <= 0) {
                    throw new DeadlineExceededException();
                }
                Http1Connection c = tries == 0 ? pool.pooled() : null;
                if (c == null) {
                    try {
                        c = pool.open(millis);
                    } catch (SocketTimeoutException e) {
                        ctx.throwIfDone();
                        if (millis <= Http1Pool.CONNECT_TIMEOUT_MILLIS) {
                            throw new DeadlineExceededException("upstream did not answer in time");
                        }
                        throw new UpstreamException(instance, true, e);
                    } catch (java.io.IOException | RuntimeException e) {
                        ctx.throwIfDone();
                        throw new UpstreamException(instance, true, e);
                    }
                }
                current.set(c);
                RuntimeException cancelled = ctx.err();
                if (cancelled != null) { // cancelled while connecting
                    c.close();
                    throw cancelled;
                }
                try {
                    c.headDeadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
                    c.writeRequest(p.method(), p.target(), headers, body == null ? null : body.view(),
                            body == null ? -1 : body.length());
                    c.readHead();
                    c.bodyTimeout(BODY_IDLE_MILLIS);
                    return new UpstreamResponse(instance, c.status(), c.headers(), c.body(), c.trailers());
                } catch (Http1Connection.ClientBodyException e) {
                    c.close();
                    ctx.throwIfDone();
                    if (e.getCause() instanceof KitError k) { // say, the client's body went over the server's limit (413)
                        throw k;
                    }
                    throw new UpstreamException(instance, false, e.getCause());
                } catch (java.io.IOException e) {
                    c.close();
                    ctx.throwIfDone();
                    if (c.expired()) {
                        throw new DeadlineExceededException("upstream did not answer in time");
                    }
                    if (tries == 0 && c.reused() && !c.answered() && IDEMPOTENT.contains(p.method())
                            && body == null) {
                        continue; // a stale keep-alive connection: once more on a new one
                    }
                    throw new UpstreamException(instance, false, e);
                } catch (RuntimeException | Error e) {
                    c.close();
                    throw e;
                }
            }
        } finally {
            current.set(null);
            reg.close();
        }
    }

    /** Refuses a target that cannot go on a request line (the server's parser lets none through; a rewrite might). */
    private static void checkTarget(String target) {
        for (int i = 0, n = target.length(); i < n; i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '#') {
                throw KitError.invalidArgument("the request target cannot be forwarded");
            }
        }
    }

    /** The request to the instance: method, target, the relayed headers, the streamed body (gRPC: pumped, over h2c). */
    private Request request(Context ctx, ProxyRequest p) {
        URI uri = uri(p);
        Request jr = (p.grpc() ? h2c.get() : client).newRequest(uri).method(p.method());
        jr.headers(h -> {
            for (HttpField f : p.headers()) {
                h.add(f);
            }
        });
        RequestBody body = p.body();
        if (p.grpc()) {
            jr.headers(h -> {
                h.put("te", "trailers"); // hop-by-hop, but gRPC needs it on every hop
                ctx.remaining().ifPresent(left -> h.put("grpc-timeout", GrpcCalls.formatTimeout(left)));
            });
            PumpedContent content = new PumpedContent(body.contentType());
            jr.body(content);
            jr.onRequestCommit(r -> content.start(body.view()));
        } else if (body != null) {
            jr.body(new StreamedContent(body.contentType(), body.view(), body.length()));
        }
        return jr;
    }

    private UpstreamResponse send(Context ctx, Request jr) throws Exception {
        long millis = ctx.remaining().map(Duration::toMillis).orElse(NO_DEADLINE_MILLIS);
        if (millis <= 0) {
            throw new DeadlineExceededException();
        }
        UpstreamListener listener = new UpstreamListener();
        Response response;
        try (Registration reg = ctx.onCancel(() -> jr.abort(new ContextCanceledException()))) {
            jr.send(listener);
            response = listener.await(millis);
        } catch (TimeoutException e) {
            jr.abort(e);
            throw new DeadlineExceededException("upstream did not answer in time");
        } catch (InterruptedException e) {
            jr.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw translate(ctx, e.getCause());
        }
        return new UpstreamResponse(instance, response.getStatus(), response.getHeaders(), listener.body(),
                response::getTrailers);
    }

    private Exception translate(Context ctx, Throwable cause) {
        if (ctx.isDone()) {
            return ctx.err();
        }
        if (cause instanceof KitError k) { // say, the client's body went over the server's limit (413)
            return k;
        }
        boolean noConnection = cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                || (cause instanceof SocketTimeoutException && String.valueOf(cause.getMessage()).contains("onnect"));
        return new UpstreamException(instance, noConnection, cause);
    }

    @Override
    public String toString() {
        return "upstream " + upstream + "@" + instance;
    }

    /** The client's body as request content, with the length the client declared (-1: chunked). */
    private static final class StreamedContent extends InputStreamRequestContent {
        private final long length;

        StreamedContent(String contentType, InputStream in, long length) {
            super(contentType, in, new org.eclipse.jetty.io.ByteBufferPool.Sized(null, false, 16 << 10));
            this.length = length;
        }

        @Override
        public long getLength() {
            return length;
        }
    }
}
