package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AsyncOutputStreamTest {

    /** Records how many write calls reached the destination. */
    static class Counting extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        boolean closed;

        @Override
        public synchronized void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everyEventArrivesWholeAndInOrderPerThreadAfterClose() throws Exception {
        Counting dest = new Counting();
        AsyncOutputStream async = new AsyncOutputStream(dest, 64);
        Logger logger = Logger.logfmt(async);
        int threads = 16;
        int events = 500;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < events; i++) {
                        logger.log("thread", id, "i", i, "msg", "a value with spaces");
                    }
                    return null;
                });
            }
            go.countDown();
        }
        async.close();
        assertTrue(dest.closed);
        String[] lines = dest.bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(threads * events, lines.length);
        int[] next = new int[threads];
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split(" ", 3);
            int thread = Integer.parseInt(f[0].substring("thread=".length()));
            int i = Integer.parseInt(f[1].substring("i=".length()));
            assertEquals("msg=\"a value with spaces\"", f[2]);
            assertEquals(next[thread]++, i, "events of one thread stay in order");
            assertTrue(seen.add(line));
        }
        assertTrue(dest.writes < threads * events, "events are written in batches: " + dest.writes + " writes");
    }

    @Test
    void aFullQueueMakesCallersWaitAndLosesNothingEvenWithMoreCallersThanRoom() throws Exception {
        Counting slow = new Counting() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                try {
                    Thread.sleep(2); // a slow disk: the queue of 2 fills at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AsyncOutputStream async = new AsyncOutputStream(slow, 2);
        Logger logger = Logger.logfmt(async);
        int threads = 50;
        int events = 20;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.submit(() -> {
                    for (int i = 0; i < events; i++) {
                        logger.log("thread", id, "i", i);
                    }
                });
            }
        }
        async.close();
        String[] lines = slow.bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(threads * events, lines.length);
        assertEquals(threads * events, new HashSet<>(java.util.List.of(lines)).size());
    }

    @Test
    void streamsClosedOneAfterAnotherKeepTheirOwnEvents() throws Exception {
        for (int round = 0; round < 3; round++) {
            Counting a = new Counting();
            Counting b = new Counting();
            AsyncOutputStream first = new AsyncOutputStream(a, 8);
            AsyncOutputStream second = new AsyncOutputStream(b, 8);
            first.write("a1\n".getBytes(StandardCharsets.UTF_8));
            second.write("b1\n".getBytes(StandardCharsets.UTF_8));
            first.close();
            second.write("b2\n".getBytes(StandardCharsets.UTF_8));
            second.close();
            assertEquals("a1\n", a.bytes.toString(StandardCharsets.UTF_8));
            assertEquals("b1\nb2\n", b.bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eventsLargerThanABatchAndManySmallOnesArriveWholeInOrder() throws IOException {
        Counting dest = new Counting();
        AsyncOutputStream async = new AsyncOutputStream(dest, 4);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String event = (i % 10 == 0 ? "x".repeat(100_000) : "e" + i) + "\n"; // some beyond the 64 KiB batch
            expected.append(event);
            byte[] bytes = ("junk" + event).getBytes(StandardCharsets.UTF_8);
            async.write(bytes, 4, bytes.length - 4);
        }
        async.close();
        assertEquals(expected.toString(), dest.bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void linesSayWhatTheValuesWereWhenLoggedEvenIfTheWriterEncodesThemLater() throws IOException {
        Counting dest = new Counting();
        AsyncOutputStream async = new AsyncOutputStream(dest, 64);
        Logger logger = Logger.logfmt(async);
        StringBuilder mutable = new StringBuilder("before");
        Object[] reused = {"k", "first", "n", 1};
        logger.log("sb", mutable);       // not immutable: encoded at once
        logger.log(reused);               // immutable values, but the caller's own array
        mutable.setLength(0);
        mutable.append("after");
        reused[1] = "second";
        logger.log(reused);
        logger.log(null, "dropped");      // a nil key: the event is dropped, the others stay
        logger.log("level", Level.WARN, "b", true, "d", 2.5, "c", 'x', "nothing", null);
        async.close();
        assertEquals("sb=before\nk=first n=1\nk=second n=1\nlevel=warn b=true d=2.5 c=x nothing=null\n",
                dest.bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void deferredAndEagerEventsOfOneThreadKeepTheirOrder() throws IOException {
        Counting dest = new Counting();
        AsyncOutputStream async = new AsyncOutputStream(dest, 8);
        Logger logger = Logger.json(async);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            if (i % 3 == 0) {
                logger.log("i", new StringBuilder().append(i)); // encoded by the caller
            } else {
                logger.log("i", i);                             // encoded by the writer
            }
            expected.append(i % 3 == 0 ? "{\"i\":\"" + i + "\"}\n" : "{\"i\":" + i + "}\n");
        }
        async.close();
        assertEquals(expected.toString(), dest.bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AsyncOutputStream(OutputStream.nullOutputStream(), 0));
    }

    @Test
    void writesAfterCloseFailAndCloseIsIdempotent() throws IOException {
        Counting dest = new Counting();
        AsyncOutputStream async = new AsyncOutputStream(dest);
        async.write("a\n".getBytes(StandardCharsets.UTF_8));
        async.close();
        async.close();
        assertEquals("a\n", dest.bytes.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, () -> async.write(1));
    }

    @Test
    void destinationFailuresSurfaceOnFlushAndClose() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        AsyncOutputStream async = new AsyncOutputStream(broken);
        async.write("x\n".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, async::close);
        assertEquals("disk full", e.getMessage());
    }
}
