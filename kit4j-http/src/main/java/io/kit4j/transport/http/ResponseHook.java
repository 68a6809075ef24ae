package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Runs after the endpoint succeeded and before encoding, so it can still set headers: go-kit's
 * {@code ServerAfter} {@code ServerResponseFunc}. Not run when decoding or the endpoint failed.
 */
@FunctionalInterface
public interface ResponseHook {

    /** Returns the context to continue with. */
    Context apply(Context ctx, ServerResponse response);

    /** go-kit's {@code SetContentType}. */
    static ResponseHook contentType(String value) {
        return (ctx, response) -> {
            response.contentType(value);
            return ctx;
        };
    }

    /** go-kit's {@code SetResponseHeader}: sets {@code name} to {@code value}. */
    static ResponseHook header(String name, String value) {
        return (ctx, response) -> {
            response.header(name, value);
            return ctx;
        };
    }
}
