package io.kit4j.gateway;

import io.kit4j.log.Logger;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The gateway's HTTP/2 cleartext client for gRPC upstreams: one Jetty {@link HttpClient} over
 * {@link HttpClientTransportOverHTTP2} (prior knowledge, calls multiplexed as streams on few
 * connections), made a plain relay like the HTTP/1.1 one, started on the first gRPC call.
 */
final class H2cClient {
    private HttpClient client;
    private boolean closed;

    /** The client, started on first use. */
    synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the gateway is closed");
        }
        if (client == null) {
            HTTP2Client h2 = new HTTP2Client();
            h2.setMaxRequestHeadersSize(64 << 10);
            h2.setMaxResponseHeadersSize(64 << 10);
            HttpClient c = new HttpClient(new HttpClientTransportOverHTTP2(h2));
            VirtualThreadPool threads = new VirtualThreadPool();
            threads.setName("kit4j-gateway-h2c");
            c.setExecutor(threads);
            c.setConnectTimeout(Duration.ofSeconds(5).toMillis());
            c.setIdleTimeout(Duration.ofSeconds(60).toMillis());
            c.setUserAgentField(null);
            Gateway.relayOnly(c);
            try {
                c.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the gateway's h2c client", e);
            }
            client = c;
        }
        return client;
    }

    /** Stops the client if it was started. */
    synchronized void close(Logger logger) {
        closed = true;
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                logger.log("msg", "h2c client did not stop cleanly", "err", e);
            }
        }
    }
}
