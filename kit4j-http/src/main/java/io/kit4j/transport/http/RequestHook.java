package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs before decoding and may move request data into the context: go-kit's {@code ServerBefore}
 * {@code RequestFunc}. Returns the context for the next step.
 */
@FunctionalInterface
public interface RequestHook {

    /** Returns the context to continue with (often {@code ctx.with(...)}). */
    Context apply(Context ctx, ServerRequest request);
}
