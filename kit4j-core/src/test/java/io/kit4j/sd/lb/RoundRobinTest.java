package io.kit4j.sd.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.sd.DiscoveryException;
import io.kit4j.sd.Endpointer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    static Endpoint<String, String> named(String name) {
        return (ctx, q) -> name;
    }

    static String pick(Balancer<String, String> b) throws Exception {
        return b.endpoint().call(Context.background(), "q");
    }

    @Test
    void picksInTurnStartingWithTheFirst() throws Exception {
        Balancer<String, String> rr = new RoundRobin<>(Endpointer.fixed(List.of(named("a"), named("b"), named("c"))));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(pick(rr));
        }
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "a"), picks);
    }

    @Test
    void theNumberOfEndpointsIsReadAnewOnEveryPick() throws Exception {
        AtomicReference<List<Endpoint<String, String>>> current = new AtomicReference<>(
                List.of(named("a"), named("b"), named("c")));
        Balancer<String, String> rr = Balancer.roundRobin(current::get);
        assertEquals("a", pick(rr));
        assertEquals("b", pick(rr));
        assertEquals("c", pick(rr));
        assertEquals("a", pick(rr));
        current.set(List.of(named("x"), named("y")));
        assertEquals("x", pick(rr)); // counter 4 mod 2
        assertEquals("y", pick(rr));
    }

    @Test
    void noEndpointsIsA503AndDoesNotMoveTheCounter() throws Exception {
        AtomicReference<List<Endpoint<String, String>>> current = new AtomicReference<>(List.of());
        Balancer<String, String> rr = new RoundRobin<>(current::get);
        NoEndpointsException e = assertThrows(NoEndpointsException.class, rr::endpoint);
        assertEquals("no endpoints available", e.getMessage());
        assertEquals(503, ErrorInfo.of(e).status());
        assertEquals("no endpoints available", ErrorInfo.of(e).message());
        assertThrows(NoEndpointsException.class, rr::endpoint);
        current.set(List.of(named("a"), named("b")));
        assertEquals("a", pick(rr));
    }

    @Test
    void endpointerErrorsPassThrough() {
        DiscoveryException down = new DiscoveryException(new IOException("registry down"));
        Balancer<String, String> rr = new RoundRobin<>(() -> {
            throw down;
        });
        assertSame(down, assertThrows(DiscoveryException.class, rr::endpoint));
    }

    @Test
    void manyThreadsShareTheTurnsEvenly() throws Exception {
        List<Endpoint<String, String>> endpoints = List.of(named("a"), named("b"), named("c"), named("d"));
        Balancer<String, String> rr = new RoundRobin<>(Endpointer.fixed(endpoints));
        int threads = 8;
        int picksPerThread = 5_000;
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < picksPerThread; i++) {
                        counts.computeIfAbsent(pick(rr), k -> new AtomicInteger()).incrementAndGet();
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
        int each = threads * picksPerThread / endpoints.size();
        for (String name : List.of("a", "b", "c", "d")) {
            assertEquals(each, counts.get(name).get(), name);
        }
    }
}
