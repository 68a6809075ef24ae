package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs a request's {@link ServerFinalizer}s, for {@link HttpServer} and {@link EndpointHandler} alike:
 * the context they see holds the response headers (built only if one reads them, and only while they
 * run), the body size and the failure, if any.
 */
final class ServerFinalizers {
    private ServerFinalizers() {
    }

    /** Calls each of {@code finalizers} with the status {@code response} has now. */
    static void run(ServerFinalizer[] finalizers, Context ctx, ServerRequest request, ServerResponse response,
            Throwable failure) {
        LazyHeaders sent = new LazyHeaders(response::headers);
        Context fctx = ctx.with(HttpContextKeys.RESPONSE_HEADERS, sent)
                .with(HttpContextKeys.RESPONSE_SIZE, response.bytesWritten());
        if (failure != null) {
            fctx = fctx.with(HttpContextKeys.ERROR, failure);
        }
        try {
            for (ServerFinalizer f : finalizers) {
                f.finish(fctx, response.status(), request);
            }
        } finally {
            sent.end();
        }
    }
}
