package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValuerTest {
    private final AtomicInteger count = new AtomicInteger();
    private final Valuer counter = count::incrementAndGet;
    private final Captured sink = new Captured();

    @Test
    void isEvaluatedOncePerEventAndNotBefore() {
        Logger logger = sink.with("n", counter);
        assertEquals(0, count.get());
        logger.log("e", 1);
        logger.log("e", 2);
        logger.log("e", 3);
        assertEquals(3, count.get());
        assertEquals(List.of(List.of("n", 1, "e", 1), List.of("n", 2, "e", 2), List.of("n", 3, "e", 3)), sink.events);
    }

    @Test
    void isEvaluatedInPrefixAndSuffix() {
        Logger logger = sink.withPrefix("p", counter).withSuffix("s", counter);
        logger.log();
        assertEquals(List.of("p", 1, "s", 2), sink.last());
        logger.log("c", 0);
        assertEquals(List.of("p", 3, "c", 0, "s", 4), sink.last());
    }

    @Test
    void survivesFurtherDerivation() {
        Logger logger = sink.with("n", counter).with("a", 1).withPrefix("p", 0);
        logger.log();
        logger.log();
        assertEquals(List.of("p", 0, "n", 2, "a", 1), sink.last());
    }

    @Test
    void isNotEvaluatedInKeyPosition() {
        Valuer key = counter;
        sink.with(key, "v").log();
        assertSame(key, sink.last().getFirst());
        assertEquals(0, count.get());
    }

    @Test
    void isNotEvaluatedAtTheCallSite() {
        sink.with("a", 1).log("n", counter);
        assertSame(counter, sink.last().get(3));
        assertEquals(0, count.get());
    }

    @Test
    void writesFreshValuesToTheStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = Logger.logfmt(out).with("n", counter);
        logger.log("msg", "a");
        logger.log("msg", "b");
        assertEquals("n=1 msg=a\nn=2 msg=b\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exceptionsReachTheCaller() {
        Logger logger = sink.with("bad", (Valuer) () -> {
            throw new IllegalStateException("no value");
        });
        assertThrows(IllegalStateException.class, logger::log);
        assertEquals(List.of(), sink.events);
    }
}
