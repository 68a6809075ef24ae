package io.kit4j.transport.grpc;

/**
 * Both directions of a bidirectional stream as blocking calls: on the server an endpoint
 * ({@code Endpoint<BidiStream<Q, R>, Void>}) receives requests and sends replies; on the client
 * ({@link ClientBidiStream}) the roles are reversed. Receiving and sending may happen on different
 * threads; each direction is for one thread at a time.
 *
 * @param <I> what this side receives (decoded)
 * @param <O> what this side sends (encoded per message)
 */
public interface BidiStream<I, O> {

    /**
     * The next message, or null once the other side has finished sending. Blocks until one arrives
     * (asking the other side for exactly one message: flow control by pulling); throws the stream's
     * error, or the context's once the call is cancelled or its deadline passed.
     */
    I receive() throws Exception;

    /** Encodes and sends one message; blocks while the other side is not ready for more. */
    void send(O message) throws Exception;
}
