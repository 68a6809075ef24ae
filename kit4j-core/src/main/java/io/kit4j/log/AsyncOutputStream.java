package io.kit4j.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A log destination that writes on a background thread: each {@code write} call (one whole event, as the
 * stream loggers make it) is queued and a single platform thread writes the queued events in batches,
 * one write and one flush per batch. Events stay whole and in order; none is dropped: when the queue is
 * full, callers wait (backpressure).
 *
 * <p>Why: thousands of virtual threads logging to a file each made a blocking write under one lock; with
 * this stream they only queue bytes, and the file sees one write per batch. {@link #flush()} does not
 * wait (the writer flushes after every batch); {@link #close()} writes everything queued, then closes
 * the destination. What is still queued when the process is killed is lost; close it on shutdown. The
 * writer polls the queue (every 1 ms while busy, backing off to 16 ms when idle) rather than being woken
 * by each event, so a log line reaches the file within a few milliseconds.
 */
public final class AsyncOutputStream extends OutputStream {
    private static final byte[] END = new byte[0];
    private static final int BATCH_BYTES = 64 << 10;
    /** The writer's pause when it finds nothing queued: 1 ms, doubling while idle up to 16 ms. */
    private static final long MIN_IDLE_NANOS = 1_000_000;
    private static final long MAX_IDLE_NANOS = 16_000_000;

    private final OutputStream out;
    private final BlockingQueue<byte[]> queue;
    private final Thread writer;
    private volatile boolean closed;
    private volatile IOException failure;

    /** Writes to {@code out} through a queue of up to {@code capacity} events. */
    public AsyncOutputStream(OutputStream out, int capacity) {
        this.out = Objects.requireNonNull(out, "out");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("kit4j-log-writer").start(this::drain);
    }

    /** Writes to {@code out} through a queue of 8192 events. */
    public AsyncOutputStream(OutputStream out) {
        this(out, 8192);
    }

    @Override
    public void write(int b) {
        enqueue(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
            enqueue(Arrays.copyOfRange(b, off, off + len));
        }
    }

    /** Does not wait: queued events are written and flushed by the writer thread as soon as it can. */
    @Override
    public void flush() {
        IOException f = failure;
        if (f != null) {
            throw new UncheckedIOException(f);
        }
    }

    /** Writes every queued event, then closes the destination. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END);
            LockSupport.unpark(writer);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) {
            throw failure;
        }
    }

    private void enqueue(byte[] event) {
        if (closed) {
            throw new IllegalStateException("log output is closed");
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while logging"));
        }
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        byte[] buf = new byte[BATCH_BYTES];
        boolean end = false;
        long idleNanos = MIN_IDLE_NANOS;
        while (!end) {
            queue.drainTo(batch);
            if (batch.isEmpty()) {
                // Poll instead of blocking in take(): a take() makes every put() wake this thread, one
                // futex wake-up and context switch per log event, which costs request threads more than
                // the write itself. Idle, the pause grows to MAX_IDLE_NANOS; close() cuts it short.
                LockSupport.parkNanos(this, idleNanos);
                idleNanos = Math.min(idleNanos * 2, MAX_IDLE_NANOS);
                continue;
            }
            idleNanos = MIN_IDLE_NANOS;
            int n = 0;
            try {
                for (byte[] event : batch) {
                    if (event == END) {
                        end = true;
                        continue;
                    }
                    if (n + event.length > buf.length) {
                        out.write(buf, 0, n);
                        n = 0;
                    }
                    if (event.length > buf.length) {
                        out.write(event);
                    } else {
                        System.arraycopy(event, 0, buf, n, event.length);
                        n += event.length;
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
            batch.clear();
        }
    }
}
