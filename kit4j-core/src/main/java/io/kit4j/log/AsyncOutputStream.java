package io.kit4j.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A log destination that writes on a background thread: each {@code write} call (one whole event, as the
 * stream loggers make it) is queued and a single platform thread writes the queued events in batches,
 * one write and one flush per batch. Events stay whole and in order; none is dropped: when the queue is
 * full, callers wait (backpressure).
 *
 * <p>Why: thousands of virtual threads logging to a file each made a blocking write under one lock; with
 * this stream they only queue bytes, and the file sees one write per batch. Queueing takes no lock (a
 * lock that two carriers contend for parks virtual threads, which costs more than the event): the queue
 * is a linked list that callers append to with one atomic swap of its tail and only the writer reads, so
 * a request thread never waits unless the queue is full. The stream loggers ({@link Logger#logfmt},
 * {@link Logger#json}) even leave the encoding to the writer when an event holds only immutable values
 * (strings, numbers, booleans, levels, timestamps: what a later encoding cannot see changed): the writer
 * then encodes it straight into its batch, so a request thread pays for neither the encoding nor a
 * buffer for the line. {@link #flush()} does not wait (the writer flushes after every batch);
 * {@link #close()} writes everything queued, then closes the destination. What is still queued when the
 * process is killed is lost; close it on shutdown.
 *
 * <p>The writer is never woken by an event: it takes what is queued, writes it, and then pauses 16 ms so
 * the next batch can gather (at most about 60 writes a second, however many events arrive); with
 * nothing queued the pause doubles up to 32 ms. So a log line reaches the file within about 35 ms, and
 * under load the writer costs a small fraction of a microsecond per event (each wake-up and write costs
 * it ~40-75 us of CPU whatever the batch's size). A caller that finds the queue full wakes the writer and
 * waits for room.
 */
public final class AsyncOutputStream extends OutputStream {
    /**
     * One queued event: the first {@code length} bytes of {@code bytes}, or, when {@code encoder} is set,
     * the line it encodes from {@code keyvals}.
     */
    private static final class Event {
        final byte[] bytes;
        final int length;
        final StreamLogger.Encoder encoder;
        final Object[] keyvals;
        /** Written once by the caller that queued the next event (release), read by the writer (acquire). */
        Event next;

        Event(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
            this.encoder = null;
            this.keyvals = null;
        }

        Event(StreamLogger.Encoder encoder, Object[] keyvals) {
            this.bytes = NOTHING;
            this.length = 0;
            this.encoder = encoder;
            this.keyvals = keyvals;
        }

        /** Appends this event's bytes to {@code batch}: its line and a newline, or nothing for a dropped event. */
        void appendTo(Utf8Line batch) {
            if (encoder == null) {
                batch.bytes(bytes, length);
                return;
            }
            int start = batch.length();
            try {
                encoder.appendLine(batch, keyvals);
            } catch (RuntimeException e) {
                batch.truncate(start); // the encoders catch what values throw; never let one stop the writer
            }
        }
    }

    private static final byte[] NOTHING = new byte[0];
    private static final int BATCH_BYTES = 64 << 10;
    /** The writer's pause after a batch, and when it first finds nothing queued. */
    private static final long MIN_IDLE_NANOS = 16_000_000;
    /** The longest pause of an idle writer. */
    private static final long MAX_IDLE_NANOS = 32_000_000;
    /** How long a caller that found the queue full waits before it looks again. */
    private static final long FULL_WAIT_NANOS = 100_000;
    private static final VarHandle NEXT;
    private static final VarHandle TAIL;
    private static final VarHandle QUEUED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(Event.class, "next", Event.class);
            TAIL = lookup.findVarHandle(AsyncOutputStream.class, "tail", Event.class);
            QUEUED = lookup.findVarHandle(AsyncOutputStream.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final OutputStream out;
    private final int capacity;
    /** The event {@link #close()} queues last: the writer ends when it reaches it. */
    private final Event end = new Event(NOTHING, 0);
    // The two fields every caller changes, side by side in this object (one cache line for a caller to
    // take from the other core, not two). What the writer changes per event lives on its own stack.
    /** The last event queued; callers swap themselves in. */
    private volatile Event tail;
    /** Events queued or being queued, at most {@link #capacity}. */
    private volatile int queued;
    private final Thread writer;
    private volatile boolean closed;
    private volatile IOException failure;

    /** Writes to {@code out} through a queue of up to {@code capacity} events. */
    public AsyncOutputStream(OutputStream out, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.capacity = capacity;
        Event first = new Event(NOTHING, 0);
        this.tail = first;
        this.writer = Thread.ofPlatform().daemon().name("kit4j-log-writer").start(() -> drain(first));
    }

    /** Writes to {@code out} through a queue of 8192 events. */
    public AsyncOutputStream(OutputStream out) {
        this(out, 8192);
    }

    @Override
    public void write(int b) {
        enqueue(new Event(new byte[] {(byte) b}, 1));
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
            enqueue(new Event(Arrays.copyOfRange(b, off, off + len), len));
        }
    }

    /**
     * Queues the first {@code length} bytes of {@code bytes} without copying them: the caller hands the
     * array over and never changes it again.
     */
    void writeEvent(byte[] bytes, int length) {
        Objects.checkFromIndexSize(0, length, bytes.length);
        if (length > 0) {
            enqueue(new Event(bytes, length));
        }
    }

    /**
     * Queues an event for the writer to encode with {@code encoder}: the caller hands {@code keyvals}
     * over and never changes it, and its values are immutable, so the line comes out as it would now.
     */
    void writeEncoded(StreamLogger.Encoder encoder, Object[] keyvals) {
        enqueue(new Event(encoder, keyvals));
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
        append(end);
        LockSupport.unpark(writer);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) {
            throw failure;
        }
    }

    private void enqueue(Event event) {
        for (int n = queued; n >= capacity || !QUEUED.compareAndSet(this, n, n + 1); n = queued) {
            if (closed) {
                break;
            }
            if (n >= capacity) {
                LockSupport.unpark(writer);
                LockSupport.parkNanos(this, FULL_WAIT_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while logging"));
                }
            }
        }
        if (closed) {
            throw new IllegalStateException("log output is closed");
        }
        append(event);
    }

    private void append(Event event) {
        NEXT.setRelease((Event) TAIL.getAndSet(this, event), event);
    }

    /**
     * The event after {@code taken}, or {@code null} when there is none yet (or a caller is between its
     * swap of the tail and its link: the writer takes that one on its next round).
     */
    private static Event next(Event taken) {
        Event next = (Event) NEXT.getAcquire(taken);
        if (next != null) {
            taken.next = null; // taken is garbage now; it must not keep the rest of the list alive
        }
        return next;
    }

    /** The writer's loop; {@code head} is the event it took last (at first an empty one). */
    private void drain(Event head) {
        Utf8Line batch = new Utf8Line(BATCH_BYTES + 4096);
        boolean ended = false;
        long idleNanos = MIN_IDLE_NANOS;
        while (!ended) {
            int events = 0;
            boolean took = false;
            try {
                for (Event event = next(head); event != null; event = next(head)) {
                    head = event;
                    if (event == end) {
                        ended = true; // and write what raced past close() behind it
                        continue;
                    }
                    events++;
                    took = true;
                    event.appendTo(batch);
                    if (batch.length() >= BATCH_BYTES) {
                        out.write(batch.buffer(), 0, batch.length());
                        batch.truncate(0);
                        QUEUED.getAndAdd(this, -events); // room for waiting callers while a long batch goes on
                        events = 0;
                    }
                }
                if (batch.length() > 0) {
                    out.write(batch.buffer(), 0, batch.length());
                    out.flush();
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                QUEUED.getAndAdd(this, -events);
                batch.truncate(0);
                if (batch.buffer().length > 4 * BATCH_BYTES) {
                    batch = new Utf8Line(BATCH_BYTES + 4096); // after an outsized event, give the memory back
                }
            }
            if (ended) {
                return;
            }
            if (took) {
                idleNanos = MIN_IDLE_NANOS;
                LockSupport.parkNanos(this, MIN_IDLE_NANOS); // let the next batch gather
            } else {
                LockSupport.parkNanos(this, idleNanos);
                idleNanos = Math.min(idleNanos * 2, MAX_IDLE_NANOS);
            }
        }
    }
}
