package io.kit4j.transport.grpc;

/**
 * The client side of a bidirectional stream: send requests, receive replies, {@link #halfClose()} when
 * there is nothing more to send, and read on until {@link #receive()} returns null. Closing an unfinished
 * stream cancels the call.
 *
 * @param <Q> the request type (encoded per message)
 * @param <R> the reply type (decoded per message)
 */
public interface ClientBidiStream<Q, R> extends BidiStream<R, Q>, ClientStream<R> {

    /** Tells the server no more requests follow. */
    void halfClose();
}
