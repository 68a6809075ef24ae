package io.kit4j.gateway;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * Receives one upstream answer for {@link UpstreamEndpoint}. An answer whose {@code Content-Length} is at
 * most {@link #SMALL} bytes is collected whole on the client's I/O thread as it arrives, and the waiting
 * request thread is woken once, when it is complete: the exchange (and its connection) is then already
 * over, and the body is a byte array. Such a body would not have reached the gateway's client any
 * earlier anyway: kit4j's server sends bodies up to 32 KiB in one write at the end. Any other answer
 * (chunked, larger, no length) streams through Jetty's {@link InputStreamResponseListener}, which wakes the
 * waiter at the headers and only asks the connection for more once the relay has read what came before.
 */
final class UpstreamListener implements Response.Listener {
    /** The largest body collected whole (kit4j's server buffers 32 KiB before it commits a response). */
    static final int SMALL = 32 << 10;

    private final InputStreamResponseListener stream = new InputStreamResponseListener();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Response response;
    private volatile boolean streaming;
    private byte[] body;
    private int size;
    private boolean complete;
    private Throwable failure;

    @Override
    public void onHeaders(Response r) {
        long length = r.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        boolean small = length >= 0 && length <= SMALL;
        if (!small) {
            stream.onHeaders(r);
        }
        lock.lock();
        try {
            response = r;
            streaming = !small;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onContent(Response r, Content.Chunk chunk, Runnable demander) {
        if (streaming) {
            stream.onContent(r, chunk, demander);
            return;
        }
        ByteBuffer b = chunk.getByteBuffer();
        int n = b.remaining();
        if (n > 0) {
            lock.lock();
            try {
                if (body == null) {
                    body = new byte[Math.max(n, (int) Math.min(SMALL, Math.max(0,
                            r.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH))))];
                } else if (size + n > body.length) {
                    body = Arrays.copyOf(body, size + n);
                }
                b.get(body, size, n);
                size += n;
            } finally {
                lock.unlock();
            }
        }
        demander.run();
    }

    @Override
    public void onSuccess(Response r) {
        if (streaming) {
            stream.onSuccess(r);
            return;
        }
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onFailure(Response r, Throwable x) {
        if (streaming) {
            stream.onFailure(r, x);
            return;
        }
        fail(x);
    }

    @Override
    public void onComplete(Result result) {
        if (streaming) {
            stream.onComplete(result);
        } else if (result.isFailed()) {
            fail(result.getFailure()); // also a request that failed before any answer
        }
    }

    private void fail(Throwable x) {
        lock.lock();
        try {
            if (failure == null) {
                failure = x;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code millis} for the answer's headers, then for a small body without a bound of its
     * own (the client's idle timeout ends a stalled one, as it ends a stalled stream).
     *
     * @throws TimeoutException when no headers came in time
     * @throws ExecutionException with the cause when the exchange failed first
     */
    Response await(long millis) throws InterruptedException, TimeoutException, ExecutionException {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (response == null && failure == null) {
                if (left <= 0) {
                    throw new TimeoutException();
                }
                left = changed.awaitNanos(left);
            }
            while (!streaming && !complete && failure == null) {
                changed.await();
            }
            if (!streaming && failure != null) {
                throw new ExecutionException(failure);
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    /** The body after {@link #await}: the collected bytes, or the stream. */
    InputStream body() {
        if (streaming) {
            return stream.getInputStream();
        }
        return body == null ? InputStream.nullInputStream() : new ByteArrayInputStream(body, 0, size);
    }
}
