package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.kit4j.context.Context;

/**
 * Runs after the endpoint succeeded, before encoding, and may add response headers and trailers: go-kit's
 * {@code ServerAfter} {@code ServerResponseFunc}. Never runs on a failure. On a stream it runs once,
 * before the first message goes out (or at the end of a stream that sent none).
 */
@FunctionalInterface
public interface ServerResponseHook {

    /** Adds to {@code headers} and {@code trailers}; returns the context to continue with. */
    Context apply(Context ctx, Metadata headers, Metadata trailers);
}
