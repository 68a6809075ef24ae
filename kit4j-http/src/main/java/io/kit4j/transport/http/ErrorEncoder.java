package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Writes a failure as an HTTP answer: go-kit's {@code ErrorEncoder}. Called for decode, endpoint and
 * encode failures, after the {@link io.kit4j.transport.ErrorHandler}. The default is
 * {@link JsonErrorEncoder}.
 */
@FunctionalInterface
public interface ErrorEncoder {

    /** Writes {@code error} to {@code response}. */
    void encode(Context ctx, Throwable error, ServerResponse response);
}
