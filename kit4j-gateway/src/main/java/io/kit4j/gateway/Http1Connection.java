package io.kit4j.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * One keep-alive HTTP/1.1 connection of an {@link Http1Pool}, used by one exchange at a time on the
 * calling (virtual) thread with blocking I/O. The request is written by a small writer (request line,
 * {@code Host}, the given headers, {@code Content-Length} or chunked framing, the body streamed from the
 * client); the answer is parsed by Jetty's {@link HttpParser}, its body handed out as an {@link InputStream}
 * that parses as it is read (Content-Length, chunked or close-delimited; none for HEAD, 1xx, 204, 304), so
 * neither body is held in memory beyond one buffer. Interim 1xx answers are skipped. The connection goes
 * back to its pool only when the answer's body was read to its end, the upstream keeps it open
 * (HTTP/1.1 without {@code Connection: close}) and nothing else arrived; otherwise it is closed.
 */
final class Http1Connection implements HttpParser.ResponseHandler {
    private static final int BUFFER = 16 << 10;
    /** The largest answer head accepted (a larger one is a 502). */
    private static final int MAX_HEAD = 32 << 10;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Http1Pool pool;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final HttpParser parser = new HttpParser(this, MAX_HEAD);
    private final ByteBuffer read = ByteBuffer.allocate(BUFFER).flip(); // unread bytes: position to limit
    private byte[] write = new byte[BUFFER];
    private int written;
    private long idleSince;
    private boolean used;
    private boolean headRequest;
    // the exchange in progress
    private int status;
    private HttpVersion version;
    private HttpFields.Mutable headers;
    private HttpFields.Mutable trailers;
    private ByteBuffer content;
    private boolean headComplete;
    private boolean messageComplete;
    private boolean eof;
    private boolean earlyEof;
    private HttpException bad;
    private long received;
    private int events; // callbacks from the parser, to tell whether a parse made progress
    private int exchange; // counts the exchanges, so an old answer's trailers are not another's
    private volatile boolean closed;
    private volatile long expiresAt; // System.nanoTime() after which Http1Deadlines closes the connection; 0: never
    private volatile boolean expired;
    private long bodyIdleNanos; // 0: the head is awaited (expiresAt is the deadline); else the body's idle bound

    Http1Connection(Http1Pool pool, Socket socket) throws IOException {
        this.pool = pool;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        Http1Deadlines.add(this);
    }

    /** When the exchange in progress is given up (see {@link Http1Deadlines}); 0: never. */
    long expiresAt() {
        return expiresAt;
    }

    /** Gives the exchange in progress up: closes the connection, and {@link #expired()} tells why. */
    void expire() {
        expired = true;
        close();
    }

    /** True when the connection was closed because its exchange's time ran out. */
    boolean expired() {
        return expired;
    }

    /** Bounds the sending of the request and the wait for the answer's head by {@code deadlineNanos} (nanoTime). */
    void headDeadline(long deadlineNanos) {
        bodyIdleNanos = 0;
        expiresAt = deadlineNanos == 0 ? 1 : deadlineNanos;
    }

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    /** True when an earlier exchange used this connection (it may have been closed by the upstream since). */
    boolean reused() {
        return used;
    }

    /** True once any byte of the answer came in (a stale pooled connection fails before one does). */
    boolean answered() {
        return received > 0;
    }

    // ---- the request

    /**
     * Writes the request: line, {@code Host}, {@code headers} (end-to-end ones; values with control
     * characters have them replaced by spaces, as Jetty does), the body's framing and the body from
     * {@code body} ({@code length} bytes, or chunked when -1; null: none). A failure to read the client's
     * body is a {@link ClientBodyException} (the upstream connection is then unusable).
     */
    void writeRequest(String method, String target, HttpFields headers, InputStream body, long length) throws IOException {
        used = true;
        exchange++;
        received = 0;
        headRequest = method.equals("HEAD");
        reset();
        written = 0;
        ascii(method);
        put((byte) ' ');
        ascii(target);
        ascii(" HTTP/1.1\r\nHost: ");
        ascii(pool.hostHeader());
        put(CRLF);
        for (HttpField f : headers) {
            ascii(f.getName());
            put((byte) ':');
            put((byte) ' ');
            value(f.getValue());
            put(CRLF);
        }
        if (body == null) {
            if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                ascii("Content-Length: 0\r\n"); // some servers insist on a length for these
            }
            put(CRLF);
            flush();
            return;
        }
        if (length >= 0) {
            ascii("Content-Length: ");
            ascii(Long.toString(length));
            ascii("\r\n\r\n");
            long left = length;
            while (left > 0) {
                if (written == write.length) {
                    flush();
                }
                int n = readClient(body, write, written, (int) Math.min(left, write.length - written));
                if (n < 0) {
                    throw new ClientBodyException(new IOException("the client's body ended " + left + " bytes early"));
                }
                written += n;
                left -= n;
            }
            flush();
            return;
        }
        ascii("Transfer-Encoding: chunked\r\n\r\n");
        byte[] chunk = new byte[BUFFER - 32];
        for (int n; (n = readClient(body, chunk, 0, chunk.length)) >= 0; ) {
            if (n == 0) {
                continue;
            }
            ascii(Integer.toHexString(n));
            put(CRLF);
            put(chunk, 0, n);
            put(CRLF);
            flush(); // each piece goes on as it arrives
        }
        ascii("0\r\n\r\n");
        flush();
    }

    private static int readClient(InputStream body, byte[] b, int off, int len) throws ClientBodyException {
        try {
            return body.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw new ClientBodyException(e);
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            write[written++] = (byte) s.charAt(i);
        }
    }

    private void value(String v) {
        if (v == null) {
            return;
        }
        int n = v.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            write[written++] = c > 0xff ? (byte) '?' : (c < 0x20 && c != '\t') || c == 0x7f ? (byte) ' ' : (byte) c;
        }
    }

    private void put(byte b) {
        ensure(1);
        write[written++] = b;
    }

    private void put(byte[] b) {
        put(b, 0, b.length);
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, write, written, len);
        written += len;
    }

    private void ensure(int n) {
        if (written + n > write.length) {
            byte[] bigger = new byte[Math.max(write.length * 2, written + n)];
            System.arraycopy(write, 0, bigger, 0, written);
            write = bigger;
        }
    }

    private void flush() throws IOException {
        if (written > 0) {
            out.write(write, 0, written);
            written = 0;
        }
        if (write.length > 4 * BUFFER) {
            write = new byte[BUFFER]; // a huge head once does not stay with the connection
        }
    }

    // ---- the answer

    /**
     * Reads the answer's head, skipping interim 1xx answers (bounded by {@link #headDeadline}).
     *
     * @throws IOException when the connection failed or the upstream closed it, or sent no valid head
     */
    void readHead() throws IOException {
        while (true) {
            parse();
            if (headComplete) {
                if (status >= 100 && status < 200) {
                    if (status == 101) {
                        throw new IOException("the upstream switched protocols unasked");
                    }
                    while (!messageComplete) {
                        parse();
                    }
                    reset();
                    continue;
                }
                return;
            }
        }
    }

    /** From now on, each wait for more of the answer's body is bounded by {@code millis} instead. */
    void bodyTimeout(long millis) {
        bodyIdleNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        expiresAt = 0;
    }

    int status() {
        return status;
    }

    HttpFields.Mutable headers() {
        return headers;
    }

    /** The chunked answer's trailers once its body has ended (null: none), for this exchange only. */
    java.util.function.Supplier<HttpFields> trailers() {
        int e = exchange;
        return () -> exchange == e ? trailers : null;
    }

    /**
     * Feeds the parser what is buffered (it may also end a message with nothing more), and when that
     * gives no event, reads more from the socket and feeds that; fails on a bad answer or an early end.
     */
    private void parse() throws IOException {
        int before = events;
        parser.parseNext(read);
        if (events == before && !read.hasRemaining()) {
            if (eof) {
                throw new IOException("the upstream closed the connection " + (headComplete ? "in the answer's body" : "before an answer"));
            }
            if (bodyIdleNanos != 0) {
                expiresAt = System.nanoTime() + bodyIdleNanos;
            }
            int n = in.read(read.array(), 0, read.capacity());
            if (n < 0) {
                eof = true;
                read.position(0).limit(0);
                parser.atEOF();
                parser.parseNext(read);
            } else {
                received += n;
                read.position(0).limit(n);
                parser.parseNext(read);
            }
        }
        if (bad != null) {
            throw new IOException("bad answer from the upstream: " + bad.getReason(), bad instanceof Throwable t ? t : null);
        }
        if (earlyEof) {
            throw new IOException("the upstream closed the connection " + (headComplete ? "in the answer's body" : "before an answer"));
        }
    }

    /** Reads the answer's body into {@code b}; -1 at its end. */
    int readBody(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            ByteBuffer c = content;
            if (c != null) {
                if (c.hasRemaining()) {
                    int n = Math.min(len, c.remaining());
                    c.get(b, off, n);
                    return n;
                }
                content = null;
            }
            if (messageComplete) {
                return -1;
            }
            parse();
        }
    }

    /**
     * The answer's body as a stream; its {@code close()} ends the exchange ({@link #finish}), once. An
     * upstream failure while it is read is an {@link IOException}.
     */
    InputStream body() {
        return new InputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n;
                while ((n = read(one, 0, 1)) == 0) {
                    // read(byte[]) returns at least one byte or -1
                }
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (finished) {
                    throw new IOException("the upstream answer's body is closed");
                }
                return readBody(b, off, len);
            }

            @Override
            public void close() {
                if (!finished) {
                    finished = true;
                    finish();
                }
            }
        };
    }

    /** True once the answer's body has been read to its end. */
    boolean bodyDone() {
        return messageComplete && (content == null || !content.hasRemaining());
    }

    /**
     * Ends the exchange: the connection goes back to the pool when the body was read to its end and it
     * can be reused, else it is closed.
     */
    void finish() {
        if (!closed && !messageComplete && !eof && bad == null && (content == null || !content.hasRemaining())) {
            parser.parseNext(read); // an answer without a body may end with what is buffered (no read)
        }
        if (!closed && bodyDone() && !eof && !read.hasRemaining() && version == HttpVersion.HTTP_1_1
                && !headers.contains(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString())) {
            expiresAt = 0;
            pool.release(this);
        } else {
            close();
        }
    }

    /** Closes the socket (a blocked read or write then fails). */
    void close() {
        closed = true;
        Http1Deadlines.remove(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    private void reset() {
        status = 0;
        version = null;
        headers = null;
        trailers = null;
        content = null;
        headComplete = false;
        messageComplete = false;
        earlyEof = false;
        bad = null;
        if (!parser.isStart()) {
            parser.reset();
        }
        parser.setHeadResponse(headRequest);
    }

    @Override
    public void startResponse(HttpVersion v, int s, String reason) {
        events++;
        version = v;
        status = s;
        headers = HttpFields.build(16);
    }

    @Override
    public void parsedHeader(HttpField field) {
        headers.add(field);
    }

    @Override
    public void parsedTrailer(HttpField field) {
        if (trailers == null) {
            trailers = HttpFields.build(4);
        }
        trailers.add(field);
    }

    @Override
    public boolean headerComplete() {
        events++;
        headComplete = true;
        return true;
    }

    @Override
    public boolean content(ByteBuffer chunk) {
        events++;
        content = chunk; // a view of the read buffer: consumed before the next read
        return true;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        events++;
        messageComplete = true;
        return true;
    }

    @Override
    public void earlyEOF() {
        events++;
        earlyEof = true;
    }

    @Override
    public void badMessage(HttpException failure) {
        events++;
        bad = failure;
    }

    /** The client's request body could not be read: not the upstream's fault. */
    static final class ClientBodyException extends IOException {
        private static final long serialVersionUID = 1L;

        ClientBodyException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
