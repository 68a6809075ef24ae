package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamLoggerTest {

    /** Counts the calls it gets. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    static Stream<Function<OutputStream, Logger>> factories() {
        return Stream.of(Logger::logfmt, Logger::json);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void writesEachEventWithOneWriteAndFlushes(Function<OutputStream, Logger> factory) {
        CountingStream out = new CountingStream();
        Logger logger = factory.apply(out).with("svc", "orders");
        for (int i = 0; i < 5; i++) {
            logger.log("i", i, "msg", "a longer message with spaces");
        }
        assertEquals(5, out.writes);
        assertEquals(5, out.flushes);
        assertEquals(5, out.bytes.toString(StandardCharsets.UTF_8).lines().count());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void streamFailuresAreUnchecked(Function<OutputStream, Logger> factory) {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> factory.apply(broken).log("k", "v"));
        assertEquals("disk full", e.getCause().getMessage());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void nullArrayIsAnEmptyEvent(Function<OutputStream, Logger> factory) {
        CountingStream out = new CountingStream();
        factory.apply(out).log((Object[]) null);
        assertEquals(1, out.writes);
        assertTrue(out.bytes.toString(StandardCharsets.UTF_8).endsWith("\n"));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void linesAreUtf8AndWhole(Function<OutputStream, Logger> factory) {
        CountingStream out = new CountingStream();
        Logger logger = factory.apply(out);
        String text = "h\u00e9llo \u4e16\u754c \ud83d\ude00 ".repeat(200); // grows the line's buffer
        logger.log("k", text);
        logger.log("k", "short");
        String[] lines = out.bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains(text.strip()), lines[0]);
        assertTrue(lines[1].contains("short"), lines[1]);
    }
}
