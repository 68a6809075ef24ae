package io.kit4j.gateway;

import java.io.IOException;
import java.io.InputStream;

/**
 * The client's request body as the upstream attempts read it: remembers whether any attempt has read
 * from it (after which the request cannot be sent again), and hands each attempt a view whose
 * {@code close()} leaves the client's stream open, so a failed attempt does not spoil the next.
 */
final class RequestBody {
    private final InputStream in;
    private final String contentType;
    private final long length;
    private volatile boolean touched;

    RequestBody(InputStream in, String contentType, long length) {
        this.in = in;
        this.contentType = contentType;
        this.length = length;
    }

    /** True once an attempt has read (or tried to read) from the client's body. */
    boolean touched() {
        return touched;
    }

    /** The Content-Type the client declared, or null. */
    String contentType() {
        return contentType;
    }

    /** The length the client declared, or -1 (chunked). */
    long length() {
        return length;
    }

    /** A view for one attempt. */
    InputStream view() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                touched = true;
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                touched = true;
                return in.read(b, off, len);
            }

            @Override
            public void close() {
                // the client's stream belongs to the server request
            }
        };
    }
}
