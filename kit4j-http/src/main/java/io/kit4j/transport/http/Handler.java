package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Serves one HTTP request on the calling (virtual) thread: the unit the {@link Router} dispatches to and
 * {@link HttpServer} runs. An {@link EndpointHandler} is the usual implementation.
 */
@FunctionalInterface
public interface Handler {

    /** Answers {@code request} through {@code response}; a thrown exception becomes a JSON error answer. */
    void handle(Context ctx, ServerRequest request, ServerResponse response) throws Exception;
}
