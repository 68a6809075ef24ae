package io.kit4j.time;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations the way Go's {@code time.Duration.String} does: {@code 1.5s}, {@code 12.3µs}, {@code 2h3m4s}. */
public final class Durations {
    private Durations() {
    }

    /** Go's rendering of {@code d}: the largest unit below one second that keeps an integer part, else h/m/s. */
    public static String format(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return d.toString();
        }
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + decimal(n, 3) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + decimal(n, 6) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long rest = n % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        long secNanos = rest % 60_000_000_000L;
        StringBuilder b = new StringBuilder(sign);
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(decimal(secNanos, 9)).append('s').toString();
    }

    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
