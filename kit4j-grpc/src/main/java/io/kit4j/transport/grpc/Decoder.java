package io.kit4j.transport.grpc;

import io.kit4j.context.Context;

/**
 * Turns a wire message into a domain value: go-kit's {@code DecodeRequestFunc} (server) and
 * {@code DecodeResponseFunc} (client). A {@link io.kit4j.errors.KitError} it throws is answered with its
 * code (invalid input: {@code INVALID_ARGUMENT}); anything else is an undeclared failure ({@code INTERNAL}).
 *
 * @param <W> the wire (protobuf) type
 * @param <T> the domain type
 */
@FunctionalInterface
public interface Decoder<W, T> {

    /** The domain value of {@code message}. */
    T decode(Context ctx, W message) throws Exception;
}
