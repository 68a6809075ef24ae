package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs after encoding, before sending, and may copy context values into headers: go-kit's
 * {@code ClientBefore} {@code RequestFunc}.
 */
@FunctionalInterface
public interface ClientRequestHook {

    /** Returns the context to continue with. */
    Context apply(Context ctx, ClientRequest request);

    /** go-kit's {@code SetRequestHeader}. */
    static ClientRequestHook header(String name, String value) {
        return (ctx, request) -> {
            request.header(name, value);
            return ctx;
        };
    }
}
