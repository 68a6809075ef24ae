package io.kit4j.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Go's {@code time.RFC3339Nano} layout, {@code 2006-01-02T15:04:05.999999999Z07:00}: the fraction of a
 * second loses its trailing zeros, and its dot when it is zero; a zero offset is written {@code Z}.
 */
final class Rfc3339Nano {

    private Rfc3339Nano() {
    }

    static String format(Instant t, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(t);
        LocalDateTime local = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset);
        StringBuilder b = new StringBuilder(35);
        int year = local.getYear();
        if (year < 0) {
            b.append('-');
        }
        pad(b, Math.abs(year), 4).append('-');
        pad(b, local.getMonthValue(), 2).append('-');
        pad(b, local.getDayOfMonth(), 2).append('T');
        pad(b, local.getHour(), 2).append(':');
        pad(b, local.getMinute(), 2).append(':');
        pad(b, local.getSecond(), 2);
        int nanos = local.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(b.append('.'), nanos, digits);
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return b.append('Z').toString();
        }
        int minutes = seconds / 60;
        b.append(minutes < 0 ? '-' : '+');
        minutes = Math.abs(minutes);
        pad(b, minutes / 60, 2).append(':');
        return pad(b, minutes % 60, 2).toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        return b.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }
}
