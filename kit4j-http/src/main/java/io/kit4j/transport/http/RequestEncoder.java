package io.kit4j.transport.http;

import io.kit4j.context.Context;

/**
 * Writes the endpoint's request into an outgoing HTTP request: go-kit's {@code EncodeRequestFunc}.
 *
 * @param <Q> the endpoint's request type
 */
@FunctionalInterface
public interface RequestEncoder<Q> {

    /** Encodes one request. */
    void encode(Context ctx, ClientRequest request, Q value) throws Exception;
}
