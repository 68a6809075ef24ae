package io.kit4j.transport.grpc;

import io.grpc.Metadata;
import io.kit4j.context.Context;

/**
 * Runs after encoding, before the call is sent, and may add request metadata from the context: go-kit's
 * {@code ClientBefore} {@code ClientRequestFunc}.
 */
@FunctionalInterface
public interface ClientRequestHook {

    /** Adds to {@code requestHeaders}; returns the context to continue with. */
    Context apply(Context ctx, Metadata requestHeaders);
}
