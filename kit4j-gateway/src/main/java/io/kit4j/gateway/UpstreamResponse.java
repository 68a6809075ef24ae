package io.kit4j.gateway;

import java.io.IOException;
import java.io.InputStream;
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
 */
record UpstreamResponse(String instance, int status, HttpFields headers, InputStream body) implements AutoCloseable {

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the exchange is over either way
        }
    }
}
