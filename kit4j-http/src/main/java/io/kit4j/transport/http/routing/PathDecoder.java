package io.kit4j.transport.http.routing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes a raw request path one segment at a time, so an encoded {@code %2F} stays inside its
 * segment. Escapes decode as UTF-8, strictly: a malformed escape or an invalid UTF-8 sequence is an error.
 * {@code '+'} is not a space in a path and stays as it is.
 */
final class PathDecoder {

    private PathDecoder() {}

    /**
     * The decoded segments of {@code path} (which starts with {@code '/'}): one entry per segment, null for
     * a segment without a {@code '%'}, whose raw text is already its decoded text.
     *
     * @throws IllegalArgumentException with a reason if an escape is malformed
     */
    static String[] decodeSegments(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] decoded = new String[count];
        int start = 1;
        for (int seg = 0; seg < count; seg++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int percent = path.indexOf('%', start);
            if (percent >= 0 && percent < end) {
                decoded[seg] = decode(path, start, end);
            }
            start = end + 1;
        }
        return decoded;
    }

    /** Decodes {@code path[from, to)}. */
    static String decode(String path, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        byte[] bytes = new byte[(to - from) / 3];
        int pending = 0;
        int i = from;
        while (i < to) {
            char c = path.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? hex(path.charAt(i + 1)) : -1;
                int lo = i + 2 < to ? hex(path.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-escape \""
                            + path.substring(i, Math.min(i + 3, to)) + "\" at index " + i);
                }
                bytes[pending++] = (byte) (hi << 4 | lo);
                i += 3;
            } else {
                pending = flush(bytes, pending, out, i);
                out.append(c);
                i++;
            }
        }
        flush(bytes, pending, out, to);
        return out.toString();
    }

    /** The value of an ASCII hex digit, or -1 ({@link Character#digit} would accept other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int flush(byte[] bytes, int pending, StringBuilder out, int index) {
        if (pending > 0) {
            try {
                out.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, pending)));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("percent-escapes before index " + index + " are not valid UTF-8");
            }
        }
        return 0;
    }
}
