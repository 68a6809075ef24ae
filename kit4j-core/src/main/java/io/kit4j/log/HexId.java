package io.kit4j.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An identifier of 64 or 128 bits that a log line shows as lower-case hex digits: a span id (16 digits)
 * or a trace id (32 digits). A {@link Valuer} can return one instead of a {@code String}: the logfmt
 * logger writes its digits straight into the line, on the log writer thread when the line is encoded
 * there, so the text is not made on the request's thread; {@link #toString()} gives the same digits (made
 * once, on first call).
 *
 * <pre>{@code
 * HexId.of(0x00f067aa0ba902b7L)                     // 00f067aa0ba902b7
 * HexId.parse("4bf92f3577b34da6a3ce929d0e0e4736")  // its digits, kept as its text
 * }</pre>
 */
public final class HexId {
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private final long high;
    private final long low;
    private final boolean wide;
    /** The digits as a {@code String}, made on first {@link #toString()} (a benign race: always equal). */
    private String text;

    private HexId(long high, long low, boolean wide, String text) {
        this.high = high;
        this.low = low;
        this.wide = wide;
        this.text = text;
    }

    /** A 64-bit id: 16 digits. */
    public static HexId of(long id) {
        return new HexId(0, id, false, null);
    }

    /** A 128-bit id, {@code high} first: 32 digits. */
    public static HexId of(long high, long low) {
        return new HexId(high, low, true, null);
    }

    /**
     * The id written as {@code hex}: 16 or 32 lower-case hex digits (as W3C trace context and B3 write
     * span and trace ids), kept as its text.
     *
     * @throws IllegalArgumentException if {@code hex} is anything else
     */
    public static HexId parse(String hex) {
        Objects.requireNonNull(hex, "hex");
        int n = hex.length();
        if (n != 16 && n != 32) {
            throw new IllegalArgumentException("not 16 or 32 hex digits: \"" + hex + "\"");
        }
        long high = n == 32 ? parseSixteen(hex, 0) : 0;
        long low = parseSixteen(hex, n - 16);
        return new HexId(high, low, n == 32, hex);
    }

    /** The 64 bits that the 16 digits of {@code hex} from {@code from} write. */
    private static long parseSixteen(String hex, int from) {
        long v = 0;
        for (int i = from; i < from + 16; i++) {
            char c = hex.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                throw new IllegalArgumentException("not lower-case hex: \"" + hex + "\"");
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** The high 64 bits (0 for a 64-bit id). */
    public long high() {
        return high;
    }

    /** The low 64 bits: the whole of a 64-bit id. */
    public long low() {
        return low;
    }

    /** 16 or 32. */
    public int digits() {
        return wide ? 32 : 16;
    }

    /** Appends the digits to a log line, without making a {@code String}. */
    void appendTo(Utf8Line line) {
        if (wide) {
            line.hex(high);
        }
        line.hex(low);
    }

    /** The digits, lower case. */
    @Override
    public String toString() {
        String s = text;
        if (s == null) {
            Utf8Line line = new Utf8Line(digits());
            appendTo(line);
            s = line.toString();
            text = s;
        }
        return s;
    }

    /** Writes {@code v}'s 16 hex digits into {@code b} from {@code at}. */
    static void put(byte[] b, int at, long v) {
        BIG_ENDIAN_LONGS.set(b, at, eightDigits((int) (v >>> 32)));
        BIG_ENDIAN_LONGS.set(b, at + 8, eightDigits((int) v));
    }

    /**
     * The 8 lower-case hex digits of {@code v} as ASCII bytes in a long, the first digit in its most
     * significant byte: all eight at once, with shifts and masks, instead of a table lookup per digit.
     */
    private static long eightDigits(int v) {
        long x = v & 0xffff_ffffL; // spread the nibbles out, one per byte, the lowest in the lowest byte
        x = (x | x << 16) & 0x0000_ffff_0000_ffffL;
        x = (x | x << 8) & 0x00ff_00ff_00ff_00ffL;
        x = (x | x << 4) & 0x0f0f_0f0f_0f0f_0f0fL;
        long letters = (x + 0x0606_0606_0606_0606L) >>> 4 & 0x0101_0101_0101_0101L; // 1 in each byte >= 10
        return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HexId h && h.high == high && h.low == low && h.wide == wide;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low) + (wide ? 1 : 0);
    }
}
