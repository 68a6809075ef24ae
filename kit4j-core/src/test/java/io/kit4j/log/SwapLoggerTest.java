package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwapLoggerTest {

    @Test
    void discardsUntilSetAndAfterSwapToNull() {
        Captured sink = new Captured();
        SwapLogger swap = new SwapLogger();
        swap.log("n", 1);
        swap.swap(sink);
        swap.log("n", 2);
        swap.swap(null);
        swap.log("n", 3);
        assertEquals(List.of(List.of("n", 2)), sink.events);
    }

    @Test
    void contextualLoggersFollowTheSwap() {
        Captured first = new Captured();
        Captured second = new Captured();
        SwapLogger swap = new SwapLogger(first);
        Logger logger = swap.with("svc", "orders");
        logger.log("n", 1);
        swap.swap(second);
        logger.log("n", 2);
        assertEquals(List.of(List.of("svc", "orders", "n", 1)), first.events);
        assertEquals(List.of(List.of("svc", "orders", "n", 2)), second.events);
    }

    @Test
    void swapsWhileOthersLog() throws InterruptedException {
        Captured a = new Captured();
        Captured b = new Captured();
        SwapLogger swap = new SwapLogger(a);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 10_000; i++) {
                swap.log("i", i);
            }
        });
        for (int i = 0; i < 100; i++) {
            swap.swap(i % 2 == 0 ? b : a);
        }
        writer.join();
        assertEquals(10_000, a.events.size() + b.events.size());
    }
}
