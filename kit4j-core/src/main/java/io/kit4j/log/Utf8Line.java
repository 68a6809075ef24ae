package io.kit4j.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One log line being encoded straight into UTF-8 bytes: what the stream loggers fill and hand to their
 * stream, so a line is built once instead of as a {@code StringBuilder}, then a {@code String}, then its
 * bytes. Characters are written as {@code String.getBytes(UTF_8)} writes them (an unpaired surrogate as
 * {@code ?}), though the encoders never give it one.
 */
final class Utf8Line {
    private byte[] bytes;
    private int length;

    Utf8Line(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    int length() {
        return length;
    }

    /** Drops what was written after {@code length}. */
    void truncate(int length) {
        this.length = length;
    }

    /** The buffer itself, valid up to {@link #length()}. */
    byte[] buffer() {
        return bytes;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Appends the first {@code n} bytes of {@code b}, as they are. */
    Utf8Line bytes(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, bytes, length, n);
        length += n;
        return this;
    }

    /** Appends {@code v} as 16 lower-case hex digits. */
    Utf8Line hex(long v) {
        ensure(16);
        HexId.put(bytes, length, v);
        length += 16;
        return this;
    }

    /** Appends an ASCII character ({@code c < 0x80}). */
    Utf8Line ascii(char c) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends an ASCII string (every character below {@code 0x80}), such as a fixed escape sequence. */
    Utf8Line ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /**
     * Appends {@code s} if it is printable ASCII other than {@code =} and {@code "}, and says whether it
     * was; otherwise appends nothing. One pass: the check and the copy are the same loop.
     */
    boolean plain(String s) {
        int n = s.length();
        ensure(n);
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '=' || c == '"') {
                return false;
            }
            bytes[at++] = (byte) c;
        }
        length = at;
        return true;
    }

    /** Appends the characters of {@code s} in UTF-8. */
    Utf8Line utf8(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, s.charAt(++i)));
            } else {
                utf8(c);
            }
        }
        return this;
    }

    /** Appends one character outside a surrogate pair in UTF-8 (an unpaired surrogate as {@code ?}). */
    Utf8Line utf8(char c) {
        if (Character.isSurrogate(c)) {
            return ascii('?');
        }
        return codePoint(c);
    }

    /** Appends a valid surrogate pair in UTF-8. */
    Utf8Line utf8(char high, char low) {
        return codePoint(Character.toCodePoint(high, low));
    }

    /**
     * Appends the fraction of a second of {@code nanos} nanoseconds (0 to 999,999,999) as Go's RFC3339Nano
     * writes it: a dot and up to nine digits without trailing zeros, or nothing when it is 0. Three
     * digits at a time, dividing by constants only (a loop dividing by powers of ten from a table made
     * nine hardware divisions a timestamp).
     */
    Utf8Line fraction(int nanos) {
        if (nanos == 0) {
            return this;
        }
        ensure(10);
        byte[] b = bytes;
        int at = length;
        b[at] = '.';
        int high = nanos / 1_000_000;
        int rest = nanos - high * 1_000_000;
        int middle = rest / 1000;
        put3(b, at + 1, high);
        put3(b, at + 4, middle);
        put3(b, at + 7, rest - middle * 1000);
        int end = at + 10;
        while (b[end - 1] == '0') { // stops at a digit: nanos is not 0
            end--;
        }
        length = end;
        return this;
    }

    /** Writes the three decimal digits of {@code v} (0 to 999) into {@code b} from {@code at}. */
    private static void put3(byte[] b, int at, int v) {
        int hundreds = v / 100;
        int rest = v - hundreds * 100;
        int tens = rest / 10;
        b[at] = (byte) ('0' + hundreds);
        b[at + 1] = (byte) ('0' + tens);
        b[at + 2] = (byte) ('0' + rest - tens * 10);
    }

    /** Appends the decimal digits of {@code v}, with a {@code -} when negative. */
    Utf8Line decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int at = length + digits;
        length = at;
        do {
            bytes[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return this;
    }

    private Utf8Line codePoint(int cp) {
        ensure(4);
        if (cp < 0x80) {
            bytes[length++] = (byte) cp;
        } else if (cp < 0x800) {
            bytes[length++] = (byte) (0xc0 | cp >> 6);
            bytes[length++] = (byte) (0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            bytes[length++] = (byte) (0xe0 | cp >> 12);
            bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
            bytes[length++] = (byte) (0x80 | cp & 0x3f);
        } else {
            bytes[length++] = (byte) (0xf0 | cp >> 18);
            bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
            bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
            bytes[length++] = (byte) (0x80 | cp & 0x3f);
        }
        return this;
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            grow(more);
        }
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
}
