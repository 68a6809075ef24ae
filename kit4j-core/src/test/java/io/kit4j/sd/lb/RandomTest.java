package io.kit4j.sd.lb;

import static io.kit4j.sd.lb.RoundRobinTest.named;
import static io.kit4j.sd.lb.RoundRobinTest.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomTest {
    final Endpointer<String, String> four = Endpointer.fixed(List.of(named("a"), named("b"), named("c"), named("d")));

    @Test
    void aSeedGivesTheSameSequenceOfPicks() throws Exception {
        Balancer<String, String> one = new Random<>(four, 42);
        Balancer<String, String> two = Balancer.random(four, 42);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(pick(one));
            second.add(pick(two));
        }
        assertEquals(first, second);
        assertTrue(first.stream().distinct().count() == 4, first.toString());
    }

    @Test
    void picksAreSpreadUniformly() throws Exception {
        Balancer<String, String> r = new Random<>(four, 7);
        Map<String, Integer> counts = new HashMap<>();
        int picks = 40_000;
        for (int i = 0; i < picks; i++) {
            counts.merge(pick(r), 1, Integer::sum);
        }
        assertEquals(4, counts.size());
        for (int c : counts.values()) {
            assertTrue(Math.abs(c - picks / 4) < picks / 4 / 20, counts.toString()); // within 5%
        }
    }

    @Test
    void concurrentPicksAreSafeAndAllCounted() throws Exception {
        Balancer<String, String> r = new Random<>(four, 1);
        Balancer<String, String> unseeded = new Random<>(four);
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Balancer<String, String> b = t % 2 == 0 ? r : unseeded;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 4_000; i++) {
                        counts.computeIfAbsent(pick(b), k -> new AtomicInteger()).incrementAndGet();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(32_000, counts.values().stream().mapToInt(AtomicInteger::get).sum());
        for (AtomicInteger c : counts.values()) {
            assertTrue(c.get() > 32_000 / 4 * 8 / 10, counts.toString());
        }
    }

    @Test
    void noEndpointsIsAnError() {
        List<Endpoint<String, String>> none = List.of();
        assertThrows(NoEndpointsException.class, () -> new Random<>(Endpointer.fixed(none), 1).endpoint());
        assertThrows(NoEndpointsException.class, () -> new Random<>(Endpointer.fixed(none)).endpoint());
    }
}
