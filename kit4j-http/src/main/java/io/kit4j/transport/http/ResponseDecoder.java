package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Turns a received HTTP response into the endpoint's response type: go-kit's {@code DecodeResponseFunc}.
 * It must check the status itself.
 *
 * @param <R> the endpoint's response type
 */
@FunctionalInterface
public interface ResponseDecoder<R> {

    /** Decodes one response. */
    R decode(Context ctx, ClientResponse response) throws Exception;
}
