package io.kit4j.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;

/**
 * An upstream instance's answer as the gateway relays it: status and headers, and the body still to be
 * read, as a stream fed by the upstream connection (nothing is buffered beyond the client's read-ahead).
 * {@link #close()} releases the connection: before the body's end it aborts the exchange.
 *
 * @param instance the {@code host:port} that answered
 * @param status the upstream status
 * @param headers the upstream headers, hop-by-hop ones included
 * @param body the body stream
 * @param trailerFields the upstream's trailers, known once the body has been read to its end (null: none)
 */
record UpstreamResponse(String instance, int status, HttpFields headers, InputStream body,
        Supplier<HttpFields> trailerFields) implements AutoCloseable {

    /** The trailers that followed the body, or null; ask after the body's end. */
    HttpFields trailers() {
        return trailerFields == null ? null : trailerFields.get();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the exchange is over either way
        }
    }
}
