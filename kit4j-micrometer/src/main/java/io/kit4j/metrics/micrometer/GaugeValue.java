package io.kit4j.metrics.micrometer;

import java.util.concurrent.atomic.AtomicLong;

/** The state a Micrometer gauge reads: a double set and added atomically (compare-and-set on its bits). */
final class GaugeValue {
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
}
