package io.kit4j.sd.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.sd.Endpointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeastOutstandingTest {
    /** Names of endpoints that have entered a held call. */
    final BlockingQueue<String> entered = new LinkedBlockingQueue<>();
    final CountDownLatch release = new CountDownLatch(1);
    final List<Thread> holders = new ArrayList<>();

    /** Answers its name; on request "hold" waits for {@link #release}; on "fail" throws. */
    Endpoint<String, String> server(String name) {
        return (ctx, q) -> {
            switch (q) {
                case "hold" -> {
                    entered.add(name);
                    release.await();
                }
                case "fail" -> throw new IllegalStateException(name + " failed");
                default -> {
                }
            }
            return name;
        };
    }

    /** Starts a call that stays in flight on the endpoint picked now; returns that endpoint's name. */
    String holdOne(Balancer<String, String> b) throws Exception {
        Endpoint<String, String> e = b.endpoint();
        holders.add(Thread.ofPlatform().start(() -> {
            try {
                e.call(Context.background(), "hold");
            } catch (Exception ignored) {
                // the test only cares that the call was in flight
            }
        }));
        String name = entered.poll(10, TimeUnit.SECONDS);
        if (name == null) {
            throw new AssertionError("held call never started");
        }
        return name;
    }

    Map<String, Integer> picks(Balancer<String, String> b, int n) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(b.endpoint().call(Context.background(), "name"), 1, Integer::sum);
        }
        return counts;
    }

    @AfterEach
    void releaseHeldCalls() throws InterruptedException {
        release.countDown();
        for (Thread t : holders) {
            t.join();
        }
    }

    @Test
    void ofTwoTheOneWithFewerCallsInFlightIsAlwaysChosen() throws Exception {
        Balancer<String, String> b = new LeastOutstanding<>(Endpointer.fixed(List.of(server("a"), server("b"))), 3);
        String busy = holdOne(b);
        String idle = busy.equals("a") ? "b" : "a";
        assertEquals(Map.of(idle, 100), picks(b, 100));
    }

    @Test
    void theMostLoadedOfThreeIsNeverChosenAndTheIdlestMostOften() throws Exception {
        List<Endpoint<String, String>> servers = List.of(server("a"), server("b"), server("c"));
        LeastOutstanding<String, String> b = new LeastOutstanding<>(Endpointer.fixed(servers), 11);
        // a: two calls in flight, b: one, c: none (in an order the balancer allows: it never picks the
        // busier of two, so a gets its second call only once b is as busy as a)
        holdOn(b, "a");
        holdOn(b, "b");
        holdOn(b, "a");
        Map<String, Integer> counts = picks(b, 3_000);
        assertEquals(null, counts.get("a"), counts.toString());
        assertTrue(counts.get("c") > counts.get("b"), counts.toString());
    }

    /**
     * Holds a call on the endpoint named {@code name} through a wrapper the balancer hands out, picking
     * (and calling at once, which leaves no count behind) until the balancer offers that endpoint.
     */
    void holdOn(Balancer<String, String> b, String name) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            Endpoint<String, String> e = b.endpoint();
            if (e.call(Context.background(), "name").equals(name)) {
                holders.add(Thread.ofPlatform().start(() -> {
                    try {
                        e.call(Context.background(), "hold");
                    } catch (Exception ignored) {
                        // in flight is all that matters
                    }
                }));
                assertEquals(name, entered.poll(10, TimeUnit.SECONDS));
                return;
            }
        }
        throw new AssertionError("never picked " + name);
    }

    @Test
    void aFinishedCallNoLongerCountsEvenWhenItFailed() throws Exception {
        Balancer<String, String> b = new LeastOutstanding<>(Endpointer.fixed(List.of(server("a"), server("b"))), 5);
        for (int i = 0; i < 20; i++) {
            Endpoint<String, String> e = b.endpoint();
            assertThrows(IllegalStateException.class, () -> e.call(Context.background(), "fail"));
        }
        String busy = holdOne(b);
        String idle = busy.equals("a") ? "b" : "a";
        assertEquals(Map.of(idle, 50), picks(b, 50));
    }

    @Test
    void countsCarryOverWhenAnUpdateKeepsTheEndpoint() throws Exception {
        Endpoint<String, String> a = server("a");
        Endpoint<String, String> bb = server("b");
        AtomicReference<List<Endpoint<String, String>>> current = new AtomicReference<>(List.of(a));
        Balancer<String, String> b = Balancer.leastOutstanding(current::get);
        assertEquals("a", holdOne(b));
        current.set(List.of(a, bb, server("c")));
        Map<String, Integer> counts = picks(b, 300);
        assertEquals(null, counts.get("a"), counts.toString());
        assertEquals(300, counts.get("b") + counts.get("c"));
    }

    @Test
    void aSingleEndpointIsAlwaysChosenAndNoneIsAnError() throws Exception {
        Balancer<String, String> one = new LeastOutstanding<>(Endpointer.fixed(List.of(server("a"))));
        assertEquals("a", holdOne(one));
        assertEquals(Map.of("a", 10), picks(one, 10));
        List<Endpoint<String, String>> none = List.of();
        assertThrows(NoEndpointsException.class, () -> new LeastOutstanding<>(Endpointer.fixed(none)).endpoint());
    }
}
