package io.kit4j.gateway;

import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.context.Registration;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.KitError;
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
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;

/**
 * Sends a {@link ProxyRequest} to one upstream instance with Jetty's {@link HttpClient} and returns as
 * soon as the answer's headers are in: the request body streams from the client's connection while it is
 * sent, the answer's body is left to the caller as a stream. The context's deadline bounds the wait for
 * the headers; its cancellation aborts the exchange.
 *
 * <p>Failures: no connection or a broken one is an {@link UpstreamException} (502); the deadline a
 * {@link DeadlineExceededException} (504); an answer whose status the request retries on an
 * {@link UpstreamStatusException} holding it.
 */
final class UpstreamEndpoint implements Endpoint<ProxyRequest, UpstreamResponse> {
    private static final long NO_DEADLINE_MILLIS = Duration.ofMinutes(5).toMillis();

    private final HttpClient client;
    private final String upstream;
    private final String instance;
    private final GatewayMetrics metrics;
    private final GatewayTracing tracing;

    UpstreamEndpoint(HttpClient client, String upstream, String instance, GatewayMetrics metrics,
            GatewayTracing tracing) {
        this.client = client;
        this.upstream = upstream;
        this.instance = instance;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public UpstreamResponse call(Context ctx, ProxyRequest p) throws Exception {
        String outcome = "error";
        Context attempt = null;
        Throwable failure = null;
        try {
            Request jr = request(p);
            if (tracing != null) {
                attempt = tracing.attempt(ctx, jr, p.nextAttempt());
            }
            UpstreamResponse r = send(ctx, jr);
            outcome = Integer.toString(r.status());
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
            metrics.upstreamCalls().with("upstream", upstream, "instance", instance, "outcome", outcome).add(1);
        }
    }

    /** The request to the instance: method, target, the relayed headers, the streamed body. */
    private Request request(ProxyRequest p) {
        URI uri;
        try {
            uri = URI.create("http://" + instance + p.target());
        } catch (IllegalArgumentException e) {
            throw KitError.invalidArgument("the request target cannot be forwarded");
        }
        Request jr = client.newRequest(uri).method(p.method());
        jr.headers(h -> {
            for (HttpField f : p.headers()) {
                h.add(f);
            }
        });
        RequestBody body = p.body();
        if (body != null) {
            jr.body(new StreamedContent(body.contentType(), body.view(), body.length()));
        }
        return jr;
    }

    private UpstreamResponse send(Context ctx, Request jr) throws Exception {
        long millis = ctx.remaining().map(Duration::toMillis).orElse(NO_DEADLINE_MILLIS);
        if (millis <= 0) {
            throw new DeadlineExceededException();
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Response response;
        try (Registration reg = ctx.onCancel(() -> jr.abort(new ContextCanceledException()))) {
            jr.send(listener);
            response = listener.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            jr.abort(e);
            throw new DeadlineExceededException("upstream did not answer in time");
        } catch (InterruptedException e) {
            jr.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw translate(ctx, e.getCause());
        }
        InputStream in = listener.getInputStream();
        return new UpstreamResponse(instance, response.getStatus(), response.getHeaders(), in);
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
