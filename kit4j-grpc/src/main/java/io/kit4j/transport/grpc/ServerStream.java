package io.kit4j.transport.grpc;

/**
 * What a server-streaming endpoint gets: the one request and a way to send replies. The endpoint
 * ({@code Endpoint<ServerStream<Q, R>, Void>}) sends as many as it likes and returns; returning ends the
 * stream with OK, throwing ends it with the error's status.
 *
 * @param <Q> the decoded request type
 * @param <R> the reply type, encoded per message
 */
public interface ServerStream<Q, R> {

    /** The decoded request. */
    Q request();

    /**
     * Encodes and sends one reply. Blocks while the client is not ready for more (flow control);
     * throws the context's error once the call is cancelled or its deadline passed.
     */
    void send(R reply) throws Exception;
}
