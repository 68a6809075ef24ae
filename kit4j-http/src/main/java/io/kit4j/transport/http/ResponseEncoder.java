package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Writes the endpoint's response to the HTTP response: go-kit's {@code EncodeResponseFunc}.
 *
 * @param <R> the endpoint's response type
 */
@FunctionalInterface
public interface ResponseEncoder<R> {

    /** Encodes one response. */
    void encode(Context ctx, ServerResponse response, R value) throws Exception;
}
