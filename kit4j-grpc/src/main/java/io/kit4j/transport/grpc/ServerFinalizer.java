package io.kit4j.transport.grpc;

import io.grpc.Status;
import io.kit4j.context.Context;

/**
 * Runs at the end of every call, success or failure, once the status is sent: go-kit's
 * {@code ServerFinalizerFunc}, with the status as well. {@code error} is null on success; the context
 * holds {@link GrpcContextKeys#FULL_METHOD} and {@link GrpcContextKeys#REQUEST_START_NANOS}.
 */
@FunctionalInterface
public interface ServerFinalizer {

    /** Observes the finished call. */
    void finish(Context ctx, Status status, Throwable error);
}
