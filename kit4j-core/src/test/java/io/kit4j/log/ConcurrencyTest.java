package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int EVENTS = 1000;

    /** An unsynchronised stream that copies byte by byte and yields now and then, to invite interleaving. */
    private static final class RacyStream extends OutputStream {
        private byte[] buffer = new byte[1 << 16];
        private int size;

        @Override
        public void write(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, size * 2);
            }
            buffer[size++] = (byte) b;
            if (size % 64 == 0) {
                Thread.yield();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }

        String text() {
            return new String(buffer, 0, size, StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> cases() {
        Pattern logfmt = Pattern.compile("seq=\\d+ thread=(\\d+) i=(\\d+) msg=\"h\u00e9llo, w\u00f6rld\"");
        Pattern json = Pattern.compile("\\{\"i\":(\\d+),\"msg\":\"h\u00e9llo, w\u00f6rld\",\"seq\":\\d+,\"thread\":(\\d+)}");
        return Stream.of(
                Arguments.of("logfmt, platform threads", (Function<OutputStream, Logger>) Logger::logfmt, logfmt, false, 1, 2),
                Arguments.of("logfmt, virtual threads", (Function<OutputStream, Logger>) Logger::logfmt, logfmt, true, 1, 2),
                Arguments.of("json, platform threads", (Function<OutputStream, Logger>) Logger::json, json, false, 2, 1),
                Arguments.of("json, virtual threads", (Function<OutputStream, Logger>) Logger::json, json, true, 2, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsNeverInterleave(String name, Function<OutputStream, Logger> factory, Pattern line, boolean virtual,
            int threadGroup, int indexGroup) throws InterruptedException {
        RacyStream out = new RacyStream();
        AtomicLong seq = new AtomicLong();
        Logger logger = factory.apply(out).with("seq", (Valuer) seq::incrementAndGet);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = virtual
                ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.execute(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < EVENTS; i++) {
                        logger.log("thread", thread, "i", i, "msg", "h\u00e9llo, w\u00f6rld");
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        String text = out.text();
        assertTrue(text.endsWith("\n"));
        List<String> lines = text.lines().toList();
        assertEquals(THREADS * EVENTS, lines.size());
        Set<String> seen = new HashSet<>();
        for (String l : lines) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), () -> "garbled line: " + l);
            assertTrue(seen.add(m.group(threadGroup) + "/" + m.group(indexGroup)), () -> "duplicate line: " + l);
        }
        assertEquals(THREADS * EVENTS, seq.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
