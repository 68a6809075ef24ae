package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kit4j.sd.Recording.Listener;
import io.kit4j.sd.Recording.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InstanceCacheTest {

    @Test
    void registerDeliversTheCurrentStateAtOnce() {
        InstanceCache cache = new InstanceCache();
        Listener early = new Listener();
        cache.register(early);
        assertEquals(List.of(Event.of()), early.events);

        cache.update(Event.of("b:1", "a:1"));
        Listener late = new Listener();
        cache.register(late);
        assertEquals(List.of(Event.of("a:1", "b:1")), late.events);
        assertEquals(List.of(Event.of(), Event.of("a:1", "b:1")), early.events);
    }

    @Test
    void updatesAreSortedWithoutDuplicatesAndOnlyChangesAreBroadcast() {
        InstanceCache cache = new InstanceCache();
        Listener l = new Listener();
        cache.register(l);
        cache.update(Event.of("c:1", "a:1", "b:1", "a:1"));
        cache.update(Event.of("b:1", "c:1", "a:1"));
        cache.update(Event.of("a:1", "b:1", "c:1"));
        cache.update(Event.of("a:1", "b:1"));
        assertEquals(List.of(Event.of(), Event.of("a:1", "b:1", "c:1"), Event.of("a:1", "b:1")), l.events);
        assertEquals(Event.of("a:1", "b:1"), cache.state());
    }

    @Test
    void anErrorIsBroadcastOnceUntilItChangesAndRecoverySendsTheFullSet() {
        InstanceCache cache = new InstanceCache();
        cache.update(Event.of("a:1"));
        Listener l = new Listener();
        cache.register(l);
        IOException first = new IOException("connection refused");
        cache.update(Event.error(first));
        cache.update(Event.error(new IOException("connection refused")));
        IOException other = new IOException("timeout");
        cache.update(Event.error(other));
        cache.update(Event.error(new IllegalStateException("timeout")));
        cache.update(Event.of("a:1"));
        assertEquals(5, l.events.size());
        assertEquals(Event.of("a:1"), l.events.get(0));
        assertSame(first, l.events.get(1).error());
        assertSame(other, l.events.get(2).error());
        assertEquals(IllegalStateException.class, l.events.get(3).error().getClass());
        assertEquals(Event.of("a:1"), l.events.get(4));
    }

    @Test
    void deregisteredListenersHearNothingMore() {
        InstanceCache cache = new InstanceCache();
        Listener stays = new Listener();
        Listener leaves = new Listener();
        cache.register(stays);
        cache.register(leaves);
        cache.deregister(leaves);
        cache.deregister(new Listener());
        cache.update(Event.of("a:1"));
        assertEquals(List.of(Event.of(), Event.of("a:1")), stays.events);
        assertEquals(List.of(Event.of()), leaves.events);
    }

    @Test
    void aFailingListenerIsLoggedAndOthersStillHear() {
        Log log = new Log();
        InstanceCache cache = new InstanceCache(log);
        Listener before = new Listener();
        cache.register(before);
        cache.register(e -> {
            if (!e.instances().isEmpty()) {
                throw new IllegalStateException("listener bug");
            }
        });
        Listener after = new Listener();
        cache.register(after);
        cache.update(Event.of("a:1"));
        assertEquals(Event.of("a:1"), before.last());
        assertEquals(Event.of("a:1"), after.last());
        assertEquals("err", log.last().get(0));
        assertEquals("listener bug", ((Exception) log.last().get(1)).getMessage());
    }

    @Test
    void aListenerMayDeregisterItselfWhileBeingCalled() {
        InstanceCache cache = new InstanceCache();
        List<Event> seen = new ArrayList<>();
        AtomicReference<Consumer<Event>> self = new AtomicReference<>();
        self.set(e -> {
            seen.add(e);
            if (e.instances().contains("stop:1")) {
                cache.deregister(self.get());
            }
        });
        cache.register(self.get());
        cache.update(Event.of("stop:1"));
        cache.update(Event.of("a:1"));
        assertEquals(List.of(Event.of(), Event.of("stop:1")), seen);
    }

    @Test
    void stopDoesNothingForTheBareCache() {
        InstanceCache cache = new InstanceCache();
        Listener l = new Listener();
        cache.register(l);
        cache.stop();
        cache.update(Event.of("a:1"));
        assertEquals(Event.of("a:1"), l.last());
    }
}
