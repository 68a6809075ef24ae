package io.kit4j.transport.grpc;

/**
 * The replies of a server-streaming call on the client, pulled one at a time. Close it when done
 * reading early: closing an unfinished stream cancels the call. The finalizers run once, when the
 * stream ends or is closed.
 *
 * @param <R> the decoded reply type
 */
public interface ClientStream<R> extends AutoCloseable {

    /**
     * The next reply, or null once the server ended the stream with OK. Throws the typed error the
     * server ended it with ({@link GrpcErrors#fromStatus}), or the context's error.
     */
    R receive() throws Exception;

    /** Cancels the call if it has not ended. */
    @Override
    void close();
}
