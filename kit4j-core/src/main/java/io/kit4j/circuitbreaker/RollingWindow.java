package io.kit4j.circuitbreaker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The counts and latencies of a breaker's last {@code buckets} buckets of time.
 *
 * <p>A ring of buckets, each a row of counters in one flat array: cell 0 packs the bucket's requests (low
 * 32 bits) and errors (high 32 bits), so a success costs one atomic add and the health check reads one
 * cell per bucket; cell {@code e.ordinal()} counts every other event {@code e} (successes are requests
 * minus the other primary events). Buckets are numbered by {@code floor(nanoTime / bucketNanos)}; moving
 * to a newer bucket clears the buckets it reuses, under a lock taken once per bucket period.
 *
 * <p>Latencies go to three histograms per bucket, allocated on first use: calls that ran without a
 * fallback (their execution time is their total time), the execution part of calls that then ran a
 * fallback, and the total time of calls that ran a fallback or never ran. "Execution" latency merges the
 * first two, "total" latency the first and the third, so the common path records one latency, not two.
 */
final class RollingWindow {
    static final int BOTH = 0;
    static final int EXECUTION_ONLY = 1;
    static final int TOTAL_ONLY = 2;

    private static final int STRIDE = 16;
    private static final long ERROR_ONE = 1L << 32;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HISTS = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final Event[] EVENTS = Event.values();

    private final int size;
    private final long bucketNanos;
    private final long[] cells;
    private final long[][] histograms;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Head head;
    /** When the last error was counted (a clock reading); the window holds none once a window has passed. */
    private volatile long lastError;
    private volatile boolean anyError;

    /** The current bucket: its number, when it starts, and its slot in the ring. */
    private record Head(long index, long start, int slot) {
    }

    static {
        if (EVENTS.length > STRIDE) {
            throw new ExceptionInInitializerError("a bucket row has " + STRIDE + " cells for " + EVENTS.length + " events");
        }
    }

    RollingWindow(int size, long bucketNanos, long now) {
        this.size = size;
        this.bucketNanos = bucketNanos;
        this.cells = new long[size * STRIDE];
        this.histograms = new long[size * 3][];
        this.head = head(Math.floorDiv(now, bucketNanos));
    }

    private Head head(long index) {
        return new Head(index, index * bucketNanos, (int) Math.floorMod(index, (long) size));
    }

    /**
     * Moves the window to {@code now}, clearing expired buckets; returns the slot of the current bucket. A
     * time before the current bucket (a caller that read the clock a little earlier) counts in the current
     * bucket.
     */
    private int advance(long now) {
        Head h = head;
        if (now - h.start < bucketNanos) {
            return h.slot;
        }
        lock.lock();
        try {
            long index = Math.floorDiv(now, bucketNanos);
            h = head;
            if (index > h.index) {
                for (long i = Math.max(h.index + 1, index - size + 1); i <= index; i++) {
                    clear((int) Math.floorMod(i, (long) size));
                }
                h = head(index);
                head = h;
            }
            return h.slot;
        } finally {
            lock.unlock();
        }
    }

    private void clear(int slot) {
        int base = slot * STRIDE;
        for (int i = 0; i < STRIDE; i++) {
            CELLS.setVolatile(cells, base + i, 0L);
        }
        for (int k = 0; k < 3; k++) {
            HISTS.setVolatile(histograms, slot * 3 + k, (long[]) null);
        }
    }

    /** Empties the whole window. */
    void reset() {
        lock.lock();
        try {
            anyError = false;
            for (int s = 0; s < size; s++) {
                clear(s);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts one event at {@code now}. */
    void record(Event event, long now) {
        int base = advance(now) * STRIDE;
        if (event == Event.SUCCESS) {
            CELLS.getAndAdd(cells, base, 1L);
            return;
        }
        if (event.isRequest()) {
            CELLS.getAndAdd(cells, base, event.isError() ? ERROR_ONE + 1 : 1L);
            if (event.isError()) {
                lastError = now;
                anyError = true;
            }
        }
        CELLS.getAndAdd(cells, base + event.ordinal(), 1L);
    }

    /** Counts a success that ran {@code nanos} without a fallback, at {@code now}: the common path. */
    void recordSuccess(long nanos, long now) {
        int slot = advance(now);
        CELLS.getAndAdd(cells, slot * STRIDE, 1L);
        latency(slot * 3 + BOTH, nanos);
    }

    /** Records a latency in histogram {@code kind} ({@link #BOTH}, {@link #EXECUTION_ONLY}, {@link #TOTAL_ONLY}). */
    void recordLatency(int kind, long nanos, long now) {
        latency(advance(now) * 3 + kind, nanos);
    }

    private void latency(int index, long nanos) {
        if (nanos < 0) {
            nanos = 0;
        }
        long[] h = (long[]) HISTS.getVolatile(histograms, index);
        if (h == null) {
            long[] fresh = new long[Latency.SLOTS];
            fresh[Latency.MIN] = Long.MAX_VALUE;
            h = (long[]) HISTS.compareAndExchange(histograms, index, (long[]) null, fresh);
            if (h == null) {
                h = fresh;
            }
        }
        CELLS.getAndAdd(h, Latency.bin(nanos), 1L);
        long min = (long) CELLS.getVolatile(h, Latency.MIN);
        while (nanos < min && !CELLS.weakCompareAndSet(h, Latency.MIN, min, nanos)) {
            min = (long) CELLS.getVolatile(h, Latency.MIN);
        }
        long max = (long) CELLS.getVolatile(h, Latency.MAX);
        while (nanos > max && !CELLS.weakCompareAndSet(h, Latency.MAX, max, nanos)) {
            max = (long) CELLS.getVolatile(h, Latency.MAX);
        }
    }

    /** Requests (low 32 bits) and errors (high 32 bits) in the window at {@code now}. */
    long health(long now) {
        advance(now);
        long sum = 0;
        for (int i = 0, n = size * STRIDE; i < n; i += STRIDE) {
            sum += (long) CELLS.getVolatile(cells, i);
        }
        return sum;
    }

    /**
     * False when the window certainly holds no error (none counted within a window and a bucket of {@code now}),
     * so its error percentage is 0 and the health check can be skipped.
     */
    boolean mayHoldErrors(long now) {
        return anyError && now - lastError <= (size + 1L) * bucketNanos;
    }

    static int requests(long health) {
        return (int) health;
    }

    static int errors(long health) {
        return (int) (health >>> 32);
    }

    /** hystrix-go's error percentage: round half up of errors / requests × 100; 0 without requests. */
    static int errorPercentage(long health) {
        long req = requests(health);
        long err = errors(health);
        return req == 0 ? 0 : (int) ((err * 200 + req) / (req * 2));
    }

    /** The count of every event in the window at {@code now}, indexed by ordinal. */
    long[] counts(long now) {
        advance(now);
        long[] out = new long[EVENTS.length];
        long requests = 0;
        for (int s = 0; s < size; s++) {
            int base = s * STRIDE;
            requests += (int) (long) CELLS.getVolatile(cells, base);
            for (int e = 1; e < EVENTS.length; e++) {
                out[e] += (long) CELLS.getVolatile(cells, base + e);
            }
        }
        long others = 0;
        for (Event e : EVENTS) {
            if (e != Event.SUCCESS && e.isRequest()) {
                others += out[e.ordinal()];
            }
        }
        out[Event.SUCCESS.ordinal()] = Math.max(0, requests - others);
        return out;
    }

    /** The execution latencies ({@code total == false}) or the total latencies in the window at {@code now}. */
    Latency latency(boolean total, long now) {
        advance(now);
        long[] bins = new long[Latency.BINS];
        long min = Long.MAX_VALUE;
        long max = 0;
        int second = total ? TOTAL_ONLY : EXECUTION_ONLY;
        for (int s = 0; s < size; s++) {
            for (int kind : new int[] {BOTH, second}) {
                long[] h = (long[]) HISTS.getVolatile(histograms, s * 3 + kind);
                if (h == null) {
                    continue;
                }
                for (int i = 0; i < Latency.BINS; i++) {
                    bins[i] += (long) CELLS.getVolatile(h, i);
                }
                min = Math.min(min, (long) CELLS.getVolatile(h, Latency.MIN));
                max = Math.max(max, (long) CELLS.getVolatile(h, Latency.MAX));
            }
        }
        return min == Long.MAX_VALUE ? Latency.empty() : Latency.of(bins, min, max);
    }
}
