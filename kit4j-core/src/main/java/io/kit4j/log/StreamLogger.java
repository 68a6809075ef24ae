package io.kit4j.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The logger behind {@link Logger#logfmt} and {@link Logger#json}: encodes each event straight into the
 * UTF-8 bytes of a line and hands the line to the stream in one {@code write} followed by a
 * {@code flush}, both under a lock, so that concurrent events never interleave. An
 * {@link AsyncOutputStream} takes each line whole without a lock, so to it the line's buffer is handed
 * over directly: no lock, no copy; and an event whose keys and values are all immutable is handed over
 * unencoded, for its writer thread to encode into its batch (what the line says cannot change meanwhile).
 */
final class StreamLogger implements Logger {

    /** Appends one event, without the newline, or returns {@code false} to drop the event. */
    @FunctionalInterface
    interface Encoder {
        boolean append(Utf8Line line, Object[] keyvals);

        /** Appends the event and a newline, or, for an event dropped, nothing; {@code false} when dropped. */
        default boolean appendLine(Utf8Line line, Object[] keyvals) {
            int start = line.length();
            if (append(line, keyvals)) {
                line.ascii('\n');
                return true;
            }
            line.truncate(start);
            return false;
        }
    }

    private static final Object[] NONE = {};

    private final OutputStream out;
    /** {@link #out} when it is an {@link AsyncOutputStream}, else {@code null}. */
    private final AsyncOutputStream async;
    private final Encoder encoder;
    private final ReentrantLock lock = new ReentrantLock();
    /** The size the next line's buffer starts with: the last line's, so a line is not built twice over. */
    private int capacity = 128;

    StreamLogger(OutputStream out, Encoder encoder) {
        this.out = Objects.requireNonNull(out, "out");
        this.async = out instanceof AsyncOutputStream a ? a : null;
        this.encoder = encoder;
    }

    @Override
    public void log(Object... keyvals) {
        if (async != null && keyvals != null && immutable(keyvals)) {
            async.writeEncoded(encoder, keyvals.clone()); // a copy: the caller may reuse its array
            async.flush();
            return;
        }
        Utf8Line line = new Utf8Line(capacity);
        if (!encoder.appendLine(line, keyvals == null ? NONE : keyvals)) {
            return;
        }
        // Racy on purpose: a hint, rounded up to 64 and written only when it changes (a field every
        // request thread writes is a cache line the cores keep taking from each other).
        int hint = Math.min((line.length() + 16 + 63) & ~63, 4096);
        if (hint != capacity) {
            capacity = hint;
        }
        if (async != null) {
            async.writeEvent(line.buffer(), line.length());
            async.flush();
            return;
        }
        lock.lock();
        try {
            out.write(line.buffer(), 0, line.length());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when every key and value is of a type whose text cannot change once logged: a string, a boxed
     * primitive, a {@link Timestamp}, a {@link HexId}, a {@link Level}, or {@code null}. Anything else (a
     * mutable object, a throwable, an array) is encoded at once, on the caller's thread, as it is when
     * logged.
     */
    static boolean immutable(Object[] keyvals) {
        for (Object o : keyvals) {
            if (!(o == null || o instanceof String || o instanceof Long || o instanceof Integer
                    || o instanceof Timestamp || o instanceof HexId || o instanceof Level || o instanceof Boolean
                    || o instanceof Double || o instanceof Float || o instanceof Short || o instanceof Byte
                    || o instanceof Character)) {
                return false;
            }
        }
        return true;
    }
}
