package io.kit4j.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.util.Blocker;

/**
 * A client's request body sent upstream as it arrives, for streams where each piece must go on at once
 * (gRPC client streaming, bidi calls that wait for each answer): a virtual thread of its own reads the
 * client's stream and hands every read to Jetty's HTTP client, waiting until it has been sent before
 * reading on. So no Jetty thread ever blocks on the client, at most one 16 KiB buffer is held, and the
 * upstream's flow control holds the client back.
 */
final class PumpedContent extends AsyncRequestContent {
    private static final int BUFFER = 16 << 10;

    PumpedContent(String contentType) {
        super(contentType);
    }

    /** Starts copying {@code in} (called once the request headers are out, so a refused connection reads nothing). */
    void start(InputStream in) {
        Thread.ofVirtual().name("kit4j-gateway-pump").start(() -> pump(in));
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[BUFFER];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n == 0) {
                    continue;
                }
                try (Blocker.Callback sent = Blocker.callback()) {
                    write(ByteBuffer.wrap(buf, 0, n), sent);
                    sent.block();
                }
            }
            close();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }
}
