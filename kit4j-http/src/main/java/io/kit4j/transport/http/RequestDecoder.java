package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Turns an HTTP request into the endpoint's request type: go-kit's {@code DecodeRequestFunc}. Throw a
 * {@link io.kit4j.errors.KitError} with {@code INVALID_ARGUMENT} (400) naming the bad field or parameter.
 *
 * @param <Q> the endpoint's request type
 */
@FunctionalInterface
public interface RequestDecoder<Q> {

    /** Decodes one request. */
    Q decode(Context ctx, ServerRequest request) throws Exception;
}
