package io.kit4j.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Go's {@code time.RFC3339Nano} layout, {@code 2006-01-02T15:04:05.999999999Z07:00}: the fraction of a
 * second loses its trailing zeros, and its dot when it is zero; a zero offset is written {@code Z}.
 *
 * <p>An instance formats times in one zone and keeps the text of the last second it formatted, so that
 * the many events of one second pay only for their fraction (a log line's timestamp is on every event).
 * Safe for concurrent use.
 */
final class Rfc3339Nano {
    /**
     * The text of one second, as ASCII bytes to copy into each line: date and time up to the seconds, and
     * the zone's offset then.
     */
    private record Second(long epochSecond, byte[] dateTime, byte[] offset) {
    }

    private final ZoneId zone;
    private volatile Second last = new Second(Long.MIN_VALUE, new byte[0], new byte[0]);

    Rfc3339Nano(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** The instant {@code epochSecond} + {@code nanos} in this formatter's zone. */
    String format(long epochSecond, int nanos) {
        Utf8Line line = new Utf8Line(40);
        append(line, epochSecond, nanos);
        return line.toString();
    }

    /**
     * Appends the instant {@code epochSecond} + {@code nanos} (0 to 999,999,999) in this formatter's zone:
     * ASCII only, never anything logfmt quotes.
     */
    void append(Utf8Line line, long epochSecond, int nanos) {
        Second s = last;
        if (s.epochSecond() != epochSecond) {
            s = second(epochSecond, zone);
            last = s;
        }
        line.bytes(s.dateTime(), s.dateTime().length).fraction(nanos).bytes(s.offset(), s.offset().length);
    }

    private static Second second(long epochSecond, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        StringBuilder b = new StringBuilder(20);
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
        return new Second(epochSecond, ascii(b), ascii(offset(offset.getTotalSeconds())));
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String offset(int seconds) {
        if (seconds == 0) {
            return "Z";
        }
        int minutes = seconds / 60;
        StringBuilder b = new StringBuilder(6).append(minutes < 0 ? '-' : '+');
        minutes = Math.abs(minutes);
        pad(b, minutes / 60, 2).append(':');
        return pad(b, minutes % 60, 2).toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        return b.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }
}
