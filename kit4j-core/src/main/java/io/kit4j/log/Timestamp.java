package io.kit4j.log;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The value of the {@link Values#timestamp timestamp valuers}: an instant and the zone it is written in.
 * Its text ({@link #toString()}) is Go's RFC3339Nano layout, such as {@code 2026-11-21T20:04:47.123456Z}:
 * what the stream loggers write. As go-kit's timestamp valuers return a time that formats itself when
 * the event is encoded, the text is made only when it is needed: the logfmt encoder writes it straight
 * into the line, and a line encoded on a log writer thread is formatted there, not on the request thread.
 */
public final class Timestamp {
    private final Rfc3339Nano format;
    // The instant's two fields, not an Instant: one object fewer per log line to allocate, and for a
    // log writer on another core to fetch.
    private final long epochSecond;
    private final int nanos;

    Timestamp(Rfc3339Nano format, Instant instant) {
        this.format = format;
        this.epochSecond = instant.getEpochSecond();
        this.nanos = instant.getNano();
    }

    /** The instant this timestamp holds. */
    public Instant instant() {
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The zone it is written in. */
    public ZoneId zone() {
        return format.zone();
    }

    /** Appends the text to a log line, without making a {@code String}. */
    void appendTo(Utf8Line line) {
        format.append(line, epochSecond, nanos);
    }

    /** Go's RFC3339Nano text of the instant in the zone. */
    @Override
    public String toString() {
        return format.format(epochSecond, nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timestamp t && t.epochSecond == epochSecond && t.nanos == nanos
                && t.format.zone().equals(format.zone());
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(epochSecond) + 51 * nanos) * 31 + format.zone().hashCode();
    }
}
