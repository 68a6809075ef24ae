package io.kit4j.transport.http;

import io.kit4j.context.Context;
import io.kit4j.context.ContextKey;
import java.util.List;
import java.util.Map;

/**
 * The context keys of the HTTP transport, and {@link #populateRequestContext()}, go-kit's
 * {@code PopulateRequestContext}: a hook that copies the request's method, URI, path, protocol, host,
 * remote address and common headers into the context so endpoints and middlewares can read them.
 */
public final class HttpContextKeys {
    /** The request method. */
    public static final ContextKey<String> REQUEST_METHOD = new ContextKey<>("http.request.method");
    /** The request URI as sent (path and query). */
    public static final ContextKey<String> REQUEST_URI = new ContextKey<>("http.request.uri");
    /** The request path as sent. */
    public static final ContextKey<String> REQUEST_PATH = new ContextKey<>("http.request.path");
    /** The protocol, for example HTTP/1.1. */
    public static final ContextKey<String> REQUEST_PROTO = new ContextKey<>("http.request.proto");
    /** The Host the client addressed. */
    public static final ContextKey<String> REQUEST_HOST = new ContextKey<>("http.request.host");
    /** The client's ip:port. */
    public static final ContextKey<String> REQUEST_REMOTE_ADDR = new ContextKey<>("http.request.remote_addr");
    /** The X-Forwarded-For header. */
    public static final ContextKey<String> REQUEST_X_FORWARDED_FOR = new ContextKey<>("http.request.x_forwarded_for");
    /** The X-Forwarded-Proto header. */
    public static final ContextKey<String> REQUEST_X_FORWARDED_PROTO = new ContextKey<>("http.request.x_forwarded_proto");
    /** The Authorization header. */
    public static final ContextKey<String> REQUEST_AUTHORIZATION = new ContextKey<>("http.request.authorization");
    /** The Referer header. */
    public static final ContextKey<String> REQUEST_REFERER = new ContextKey<>("http.request.referer");
    /** The User-Agent header. */
    public static final ContextKey<String> REQUEST_USER_AGENT = new ContextKey<>("http.request.user_agent");
    /** The X-Request-Id header. */
    public static final ContextKey<String> REQUEST_X_REQUEST_ID = new ContextKey<>("http.request.x_request_id");
    /** The Accept header. */
    public static final ContextKey<String> REQUEST_ACCEPT = new ContextKey<>("http.request.accept");

    /** In finalizers: the response headers as sent. */
    public static final ContextKey<Map<String, List<String>>> RESPONSE_HEADERS = new ContextKey<>("http.response.headers");
    /** In finalizers: the number of body bytes sent. */
    public static final ContextKey<Long> RESPONSE_SIZE = new ContextKey<>("http.response.size");
    /** In finalizers: the failure that produced the answer, absent on success. */
    public static final ContextKey<Throwable> ERROR = new ContextKey<>("http.error");
    /**
     * In finalizers: {@link io.kit4j.time.Clock#nanoTime()} of the context's clock when the server began the
     * request (set by {@link HttpServer} when it has finalizers, else by an {@link EndpointHandler} that
     * has some).
     */
    public static final ContextKey<Long> REQUEST_START_NANOS = new ContextKey<>("http.request.start_nanos");

    private HttpContextKeys() {
    }

    /** go-kit's {@code PopulateRequestContext}, as a before hook. */
    public static RequestHook populateRequestContext() {
        return HttpContextKeys::populate;
    }

    private static Context populate(Context ctx, ServerRequest r) {
        return ctx.with(REQUEST_METHOD, r.method())
                .with(REQUEST_URI, r.uri())
                .with(REQUEST_PATH, r.path())
                .with(REQUEST_PROTO, r.protocol())
                .with(REQUEST_HOST, r.host())
                .with(REQUEST_REMOTE_ADDR, r.remoteAddress())
                .with(REQUEST_X_FORWARDED_FOR, orEmpty(r.header("X-Forwarded-For")))
                .with(REQUEST_X_FORWARDED_PROTO, orEmpty(r.header("X-Forwarded-Proto")))
                .with(REQUEST_AUTHORIZATION, orEmpty(r.header("Authorization")))
                .with(REQUEST_REFERER, orEmpty(r.header("Referer")))
                .with(REQUEST_USER_AGENT, orEmpty(r.header("User-Agent")))
                .with(REQUEST_X_REQUEST_ID, orEmpty(r.header("X-Request-Id")))
                .with(REQUEST_ACCEPT, orEmpty(r.header("Accept")));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
