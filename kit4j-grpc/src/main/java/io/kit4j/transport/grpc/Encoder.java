package io.kit4j.transport.grpc;

import io.kit4j.context.Context;

/**
 * Turns a domain value into a wire message: go-kit's {@code EncodeResponseFunc} (server) and
 * {@code EncodeRequestFunc} (client).
 *
 * @param <T> the domain type
 * @param <W> the wire (protobuf) type
 */
@FunctionalInterface
public interface Encoder<T, W> {

    /** The wire message for {@code value}. */
    W encode(Context ctx, T value) throws Exception;
}
