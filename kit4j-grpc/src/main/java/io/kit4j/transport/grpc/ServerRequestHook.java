package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.kit4j.context.Context;

/**
 * Runs before decoding and may move request metadata into the context: go-kit's {@code ServerBefore}
 * {@code ServerRequestFunc}. The metadata is empty, never null, when the client sent none.
 */
@FunctionalInterface
public interface ServerRequestHook {

    /** Returns the context to continue with. */
    Context apply(Context ctx, Metadata requestHeaders);
}
