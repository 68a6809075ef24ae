package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.kit4j.context.Context;

/**
 * Runs after a successful call, before decoding, with the response headers and trailers: go-kit's
 * {@code ClientAfter} {@code ClientResponseFunc}. On a stream it runs when the stream has ended well.
 */
@FunctionalInterface
public interface ClientResponseHook {

    /** Returns the context to continue with. */
    Context apply(Context ctx, Metadata headers, Metadata trailers);
}
