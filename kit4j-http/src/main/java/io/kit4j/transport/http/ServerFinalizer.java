package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs at the end of every request, success or failure, once the answer is complete: go-kit's
 * {@code ServerFinalizerFunc}. The context holds {@link HttpContextKeys#RESPONSE_HEADERS} and
 * {@link HttpContextKeys#RESPONSE_SIZE}, and the values hooks added; {@link HttpContextKeys#ERROR} holds
 * the failure, if any. Access logs and metrics are finalizers.
 */
@FunctionalInterface
public interface ServerFinalizer {

    /** Observes the finished request. */
    void finish(Context ctx, int status, ServerRequest request);
}
