package io.kit4j.transport.grpc;

import io.kit4j.context.Context;

/**
 * Runs at the end of every client call, and at the end of every client stream: go-kit's
 * {@code ClientFinalizerFunc}. {@code error} is null on success.
 */
@FunctionalInterface
public interface ClientFinalizer {

    /** Observes the finished call. */
    void finish(Context ctx, Throwable error);
}
