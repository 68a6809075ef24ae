package io.kit4j.transport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The server's view of one HTTP response, as encoders and hooks see it: status, headers and a body stream.
 *
 * <p>The body is buffered up to a threshold (32 KiB by default) and sent in one write with a
 * {@code Content-Length}; a larger body is streamed in chunks as it is written, so an encoder can send
 * more than fits in memory. Until the first chunk goes out the status and headers can still change, which
 * lets an error encoder replace a half-written answer; {@link #flush()} sends what is buffered at once, for
 * streams. The answer to a HEAD request keeps a {@code Content-Length} the handler set (the length a GET
 * would have); otherwise the length is the bytes written. {@link #trailer} adds fields sent after the
 * body. Not thread-safe.
 */
public final class ServerResponse {
    private final Response response;
    private final int bufferSize;
    private final Body body = new Body();
    private final boolean head;
    private HttpFields.Mutable trailers;
    private Supplier<Map<String, List<String>>> late;
    private int status = 200;
    private boolean committed;
    private boolean finished;
    private long bytesSent;

    ServerResponse(Response response, int bufferSize, boolean head) {
        this.response = response;
        this.bufferSize = bufferSize;
        this.head = head;
    }

    /** Sets the status code; ignored once the response is committed. */
    public ServerResponse status(int code) {
        if (!committed) {
            status = code;
        }
        return this;
    }

    /** The status code set so far (200 unless changed). */
    public int status() {
        return status;
    }

    /** Sets header {@code name}, replacing earlier values. */
    public ServerResponse header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Adds a value to header {@code name}. */
    public ServerResponse addHeader(String name, String value) {
        response.getHeaders().add(name, value);
        return this;
    }

    /** The first value of response header {@code name}, or null. */
    public String header(String name) {
        return response.getHeaders().get(name);
    }

    /** A snapshot of the response headers. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : response.getHeaders()) {
            out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    /**
     * Adds trailer {@code name}: a field sent after the body, as gRPC's {@code grpc-status}. Over HTTP/2
     * trailers are a last HEADERS frame; over HTTP/1.1 the answer is then chunked (no Content-Length) and
     * they follow the last chunk. Trailers must be announced before the response is committed: add one,
     * or call {@link #trailers(Supplier)}, before the first {@link #flush()}; after that only an announced
     * response takes more ({@link IllegalStateException} otherwise).
     */
    public ServerResponse trailer(String name, String value) {
        announceTrailers();
        trailers.add(name, value);
        return this;
    }

    /**
     * Announces trailers whose values are known only at the end (say, relayed from an upstream): {@code
     * supplier} is asked once, when the response ends, and its fields are sent after those of
     * {@link #trailer}. Call it before the response is committed.
     */
    public ServerResponse trailers(Supplier<Map<String, List<String>>> supplier) {
        announceTrailers();
        late = supplier;
        return this;
    }

    /** A snapshot of the trailers added so far (not those of a {@link #trailers(Supplier)} supplier). */
    public Map<String, List<String>> trailers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (trailers != null) {
            for (HttpField f : trailers) {
                out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
            }
        }
        return out;
    }

    private void announceTrailers() {
        if (trailers != null) {
            return;
        }
        if (committed) {
            throw new IllegalStateException("trailers must be announced before the response is committed");
        }
        trailers = HttpFields.build();
        response.setTrailersSupplier(this::trailerFields);
    }

    private HttpFields trailerFields() {
        Supplier<Map<String, List<String>>> s = late;
        if (s == null) {
            return trailers;
        }
        HttpFields.Mutable all = HttpFields.build(trailers);
        Map<String, List<String>> more = s.get();
        if (more != null) {
            more.forEach((name, values) -> values.forEach(v -> all.add(name, v)));
        }
        return all;
    }

    /** Sets the Content-Type header. */
    public ServerResponse contentType(String value) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, value);
        return this;
    }

    /** The body stream; closing it is not needed (the transport finishes the response). */
    public OutputStream body() {
        return body;
    }

    /** Writes {@code bytes} to the body. */
    public ServerResponse write(byte[] bytes) {
        body.write(bytes, 0, bytes.length);
        return this;
    }

    /** True once status and headers have gone out: they can no longer change. */
    public boolean isCommitted() {
        return committed;
    }

    /** Body bytes written so far by the handler. */
    public long bytesWritten() {
        return bytesSent + body.count;
    }

    /**
     * Drops what is buffered and the headers set so far, so that an error answer can replace it.
     * Returns false when part of the response has already been sent.
     */
    public boolean reset() {
        if (committed) {
            return false;
        }
        body.count = 0;
        status = 200;
        response.getHeaders().clear();
        if (trailers != null) {
            trailers.clear();
            late = null;
        }
        return true;
    }

    /**
     * Sends what is buffered now as a chunk, committing the status and headers first (the response is then
     * chunked, without a Content-Length): for streamed answers such as Server-Sent Events. Blocks until
     * the bytes are written; fails with an {@link IOException} when the client has gone. The body stream's
     * own {@code flush()} does nothing, so encoders that flush it still get the single-write answer.
     */
    public void flush() throws IOException {
        if (finished) {
            throw new IllegalStateException("response already finished");
        }
        flushChunk();
    }

    /** Ends the response: sends what is buffered as the last write, completing {@code callback}. */
    void finish(Callback callback) {
        if (finished) {
            callback.succeeded();
            return;
        }
        finished = true;
        ByteBuffer last = ByteBuffer.wrap(body.buf, 0, body.count);
        if (!committed) {
            response.setStatus(status);
            boolean declared = head && response.getHeaders().contains(HttpHeader.CONTENT_LENGTH);
            if (declared) {
                last = ByteBuffer.allocate(0); // a HEAD answer has no body; its length is the declared one
            }
            if (status != 204 && status != 304 && status >= 200 && !declared && trailers == null) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.count);
            }
            committed = true;
        }
        bytesSent += body.count;
        body.count = 0;
        response.write(true, last, callback);
    }

    private void flushChunk() throws IOException {
        if (!committed) {
            response.setStatus(status);
            committed = true;
        }
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(body.buf, 0, body.count), cb);
            cb.block();
        }
        bytesSent += body.count;
        body.buf = new byte[body.buf.length];
        body.count = 0;
    }

    HttpFields.Mutable jettyHeaders() {
        return response.getHeaders();
    }

    /** The buffering body stream. */
    private final class Body extends OutputStream {
        private byte[] buf = new byte[512];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int room = Math.max(0, bufferSize - count);
                if (room == 0) {
                    flushUnchecked();
                    continue;
                }
                int n = Math.min(room, len);
                ensure(n);
                System.arraycopy(b, off, buf, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        private void ensure(int n) {
            if (count + n > bufferSize) {
                flushUnchecked();
            }
            if (count + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(Math.min(bufferSize, buf.length * 2), count + n));
            }
        }

        private void flushUnchecked() {
            if (finished) {
                throw new IllegalStateException("response already finished");
            }
            try {
                flushChunk();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
