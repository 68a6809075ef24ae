package io.kit4j.sd;

import static io.kit4j.sd.Recording.instancesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.sd.Recording.Log;
import io.kit4j.sd.Recording.RecordingFactory;
import io.kit4j.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DefaultEndpointerTest {
    final RecordingFactory factory = new RecordingFactory();
    final Log log = new Log();
    final ManualClock clock = new ManualClock();
    final InstanceCache registry = new InstanceCache();

    DefaultEndpointer<String, String> endpointer() {
        return DefaultEndpointer.create(registry, factory, log);
    }

    DefaultEndpointer<String, String> invalidating(Duration timeout) {
        return DefaultEndpointer.builder(registry, factory).logger(log).clock(clock).invalidateOnError(timeout).build();
    }

    @Test
    void endpointsFollowTheSortedOrderOfTheirInstances() throws Exception {
        DefaultEndpointer<String, String> e = DefaultEndpointer.create(FixedInstancer.of("c:1", "a:1", "b:1"), factory,
                log);
        assertEquals(List.of("a:1", "b:1", "c:1"), instancesOf(e.endpoints()));
        assertEquals(List.of("a:1", "b:1", "c:1"), factory.created);
        assertThrows(UnsupportedOperationException.class, () -> e.endpoints().clear());
    }

    @Test
    void theCurrentStateIsAppliedBeforeTheConstructorReturns() throws Exception {
        registry.update(Event.of("x:1", "w:1"));
        DefaultEndpointer<String, String> e = endpointer();
        assertEquals(List.of("w:1", "x:1"), instancesOf(e.endpoints()));
    }

    @Test
    void nothingKnownYetMeansNoEndpointsAndNoError() {
        assertEquals(List.of(), endpointer().endpoints());
    }

    @Test
    void survivorsKeepTheirEndpointNewcomersAreMadeLeaversAreClosed() throws Exception {
        DefaultEndpointer<String, String> e = endpointer();
        registry.update(Event.of("a:1", "b:1", "c:1"));
        List<Endpoint<String, String>> before = e.endpoints();

        registry.update(Event.of("d:1", "b:1", "c:1"));
        List<Endpoint<String, String>> after = e.endpoints();

        assertEquals(List.of("b:1", "c:1", "d:1"), instancesOf(after));
        assertSame(before.get(1), after.get(0));
        assertSame(before.get(2), after.get(1));
        assertEquals(List.of("a:1", "b:1", "c:1", "d:1"), factory.created);
        assertEquals(List.of("a:1"), factory.closed);

        registry.update(Event.of());
        assertEquals(List.of(), e.endpoints());
        assertEquals(List.of("a:1", "b:1", "c:1", "d:1"), factory.closed);
    }

    @Test
    void anUnchangedSetKeepsTheSameListObject() {
        AtomicReference<java.util.function.Consumer<Event>> listener = new AtomicReference<>();
        Instancer manual = new Instancer() {
            @Override
            public void register(java.util.function.Consumer<Event> l) {
                listener.set(l);
                l.accept(Event.of("a:1", "b:1"));
            }

            @Override
            public void deregister(java.util.function.Consumer<Event> l) {
            }

            @Override
            public void stop() {
            }
        };
        DefaultEndpointer<String, String> e = DefaultEndpointer.create(manual, factory, log);
        List<Endpoint<String, String>> first = e.endpoints();
        listener.get().accept(Event.of("b:1", "a:1"));
        assertSame(first, e.endpoints());
        listener.get().accept(Event.of("b:1"));
        assertNotSame(first, e.endpoints());
    }

    @Test
    void aRepeatedInstanceGivesOneEndpoint() throws Exception {
        DefaultEndpointer<String, String> e = DefaultEndpointer.create(FixedInstancer.of("a:1", "b:1", "a:1"), factory,
                log);
        assertEquals(List.of("a:1", "b:1"), instancesOf(e.endpoints()));
        assertEquals(List.of("a:1", "b:1"), factory.created);
    }

    @Test
    void factoryErrorsAreLoggedAndTheInstanceSkippedUntilListedAgain() throws Exception {
        factory.failing.add("b:1");
        DefaultEndpointer<String, String> e = endpointer();
        registry.update(Event.of("a:1", "b:1", "c:1"));
        assertEquals(List.of("a:1", "c:1"), instancesOf(e.endpoints()));
        assertEquals(List.of("instance", "b:1", "err"), log.last().subList(0, 3));
        assertEquals("cannot dial b:1", ((Exception) log.last().get(3)).getMessage());

        factory.failing.clear();
        registry.update(Event.of("a:1", "b:1", "c:1", "d:1"));
        assertEquals(List.of("a:1", "b:1", "c:1", "d:1"), instancesOf(e.endpoints()));
        assertEquals(List.of("a:1", "c:1", "b:1", "d:1"), factory.created);
    }

    @Test
    void aFailingCloserIsLoggedAndDoesNotStopTheUpdate() throws Exception {
        Factory<String, String> f = instance -> ClosableEndpoint.of((ctx, q) -> instance, () -> {
            throw new IOException("already closed");
        });
        DefaultEndpointer<String, String> e = DefaultEndpointer.create(registry, f, log);
        registry.update(Event.of("a:1", "b:1"));
        registry.update(Event.of("c:1"));
        assertEquals(List.of("c:1"), instancesOf(e.endpoints()));
        assertEquals(2, log.events.size());
        assertEquals(List.of("instance", "a:1", "msg", "close failed", "err"), log.events.get(0).subList(0, 5));
    }

    @Test
    void errorsAreLoggedAndTheLastGoodSetIsKeptForEver() throws Exception {
        DefaultEndpointer<String, String> e = DefaultEndpointer.builder(registry, factory).logger(log).clock(clock)
                .build();
        registry.update(Event.of("a:1", "b:1"));
        List<Endpoint<String, String>> good = e.endpoints();
        IOException down = new IOException("registry down");
        registry.update(Event.error(down));
        assertEquals(List.of("err", down), log.last());
        clock.advance(Duration.ofDays(365));
        assertSame(good, e.endpoints());
        assertEquals(List.of(), factory.closed);
    }

    @Test
    void invalidateOnErrorTrustsTheLastSetUntilTheTimeoutAfterTheFirstError() throws Exception {
        DefaultEndpointer<String, String> e = invalidating(Duration.ofSeconds(5));
        registry.update(Event.of("a:1", "b:1"));
        List<Endpoint<String, String>> good = e.endpoints();
        IOException first = new IOException("registry down");
        registry.update(Event.error(first));
        clock.advance(Duration.ofSeconds(3));
        registry.update(Event.error(new IOException("still down")));
        clock.advance(Duration.ofMillis(1999));
        assertSame(good, e.endpoints());
        assertEquals(List.of(), factory.closed);

        clock.advance(Duration.ofMillis(1));
        DiscoveryException thrown = assertThrows(DiscoveryException.class, e::endpoints);
        assertSame(first, thrown.getCause());
        assertEquals(503, ErrorInfo.of(thrown).status());
        assertEquals("service discovery failed", ErrorInfo.of(thrown).message());
        assertEquals(List.of("a:1", "b:1"), factory.closed);
        assertSame(first, assertThrows(DiscoveryException.class, e::endpoints).getCause());
        assertEquals(List.of("a:1", "b:1"), factory.closed);

        registry.update(Event.of("a:1"));
        assertEquals(List.of("a:1"), instancesOf(e.endpoints()));
        assertEquals(List.of("a:1", "b:1", "a:1"), factory.created);
    }

    @Test
    void aSetArrivingWithinTheTimeoutClearsTheError() throws Exception {
        DefaultEndpointer<String, String> e = invalidating(Duration.ofSeconds(5));
        registry.update(Event.of("a:1"));
        registry.update(Event.error(new IOException("blip")));
        clock.advance(Duration.ofSeconds(4));
        registry.update(Event.of("a:1"));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of("a:1"), instancesOf(e.endpoints()));

        IOException second = new IOException("down again");
        registry.update(Event.error(second));
        clock.advance(Duration.ofSeconds(5));
        assertSame(second, assertThrows(DiscoveryException.class, e::endpoints).getCause());
    }

    @Test
    void aZeroTimeoutFailsTheNextCall() {
        DefaultEndpointer<String, String> e = invalidating(Duration.ZERO);
        registry.update(Event.of("a:1"));
        registry.update(Event.error(new IOException("down")));
        assertThrows(DiscoveryException.class, e::endpoints);
        assertEquals(List.of("a:1"), factory.closed);
    }

    @Test
    void closeDeregistersAndClosesEveryEndpoint() {
        DefaultEndpointer<String, String> e = endpointer();
        registry.update(Event.of("a:1", "b:1"));
        e.close();
        assertEquals(List.of("a:1", "b:1"), factory.closed);
        assertEquals(List.of(), e.endpoints());
        registry.update(Event.of("c:1"));
        assertEquals(List.of("a:1", "b:1"), factory.created);
        assertEquals(List.of(), e.endpoints());
        e.close();
        assertEquals(List.of("a:1", "b:1"), factory.closed);
    }

    @Test
    void readersAlwaysSeeAWholeSortedSetWhileUpdatesRun() throws Exception {
        DefaultEndpointer<String, String> e = endpointer();
        List<List<String>> sets = List.of(List.of("a:1", "b:1"), List.of("b:1", "c:1", "d:1"), List.of("a:1"),
                List.of("c:1", "e:1"));
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    while (!stop.get()) {
                        List<String> seen = instancesOf(e.endpoints());
                        if (!seen.isEmpty() && !sets.contains(seen)) {
                            throw new AssertionError("torn set " + seen);
                        }
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }));
        }
        started.await();
        for (int i = 0; i < 2000; i++) {
            registry.update(Event.of(sets.get(i % sets.size())));
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(List.of("c:1", "e:1"), instancesOf(e.endpoints()));
        assertTrue(factory.closed.size() >= factory.created.size() - 2);
    }

    @Test
    void fixedEndpointerServesACopyOfItsList() {
        Endpoint<String, String> a = (ctx, q) -> "a";
        List<Endpoint<String, String>> list = new ArrayList<>(List.of(a));
        Endpointer<String, String> fixed = Endpointer.fixed(list);
        list.clear();
        assertEquals(List.of(a), fixed.endpoints());
        assertInstanceOf(List.class, fixed.endpoints());
    }
}
