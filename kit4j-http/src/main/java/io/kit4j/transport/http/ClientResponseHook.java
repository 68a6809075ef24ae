package io.kit4j.transport.http;

import io.kit4j.context.Context;

/** Runs after a response arrived, before decoding: go-kit's {@code ClientAfter}. */
@FunctionalInterface
public interface ClientResponseHook {

    /** Returns the context to continue with. */
    Context apply(Context ctx, ClientResponse response);
}
