package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs at the end of every client call: go-kit's {@code ClientFinalizerFunc}. {@code error} is null on
 * success; when a response arrived the context holds {@link HttpContextKeys#RESPONSE_HEADERS} and
 * {@link HttpContextKeys#RESPONSE_SIZE} (the declared Content-Length, or -1).
 */
@FunctionalInterface
public interface ClientFinalizer {

    /** Observes the finished call. */
    void finish(Context ctx, Throwable error);
}
