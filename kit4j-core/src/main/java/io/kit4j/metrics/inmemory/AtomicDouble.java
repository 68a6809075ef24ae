package io.kit4j.metrics.inmemory;

import java.util.concurrent.atomic.AtomicLong;

/** A double updated atomically (compare-and-set on its bits), so that add, set and reset are exact. */
final class AtomicDouble {
    private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0.0));

    double get() {
        return Double.longBitsToDouble(bits.get());
    }

    void set(double v) {
        bits.set(Double.doubleToRawLongBits(v));
    }

    void add(double delta) {
        long prev;
        long next;
        do {
            prev = bits.get();
            next = Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + delta);
        } while (!bits.compareAndSet(prev, next));
    }

    double getAndReset() {
        return Double.longBitsToDouble(bits.getAndSet(Double.doubleToRawLongBits(0.0)));
    }
}
