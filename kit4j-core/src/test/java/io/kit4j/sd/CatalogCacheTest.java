package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.sd.Recording.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {

    /** A catalog listener that keeps every event. */
    static final class Names implements Consumer<CatalogEvent> {
        final List<CatalogEvent> events = new ArrayList<>();

        @Override
        public void accept(CatalogEvent e) {
            events.add(e);
        }
    }

    @Test
    void anEventSortsAndDeduplicatesItsNames() {
        assertEquals(List.of("a", "b", "c"), CatalogEvent.of("c", "a", "b", "a").services());
        assertEquals(List.of(), new CatalogEvent(null, null).services());
        assertThrows(IllegalArgumentException.class, () -> new CatalogEvent(List.of("a"), new IOException("x")));
        assertThrows(NullPointerException.class, () -> CatalogEvent.error(null));
        assertTrue(CatalogEvent.error(new IOException("x")).isError());
    }

    @Test
    void registerDeliversTheCurrentStateAndOnlyChangesFollow() {
        CatalogCache cache = new CatalogCache();
        Names early = new Names();
        cache.register(early);
        cache.update(CatalogEvent.of("orders", "users"));
        cache.update(CatalogEvent.of("users", "orders", "users"));
        cache.update(CatalogEvent.of("users"));
        Names late = new Names();
        cache.register(late);
        assertEquals(List.of(CatalogEvent.of(), CatalogEvent.of("orders", "users"), CatalogEvent.of("users")), early.events);
        assertEquals(List.of(CatalogEvent.of("users")), late.events);
        assertEquals(CatalogEvent.of("users"), cache.state());
    }

    @Test
    void errorsAreBroadcastOnceAndRecoverySendsTheFullSet() {
        CatalogCache cache = new CatalogCache();
        cache.update(CatalogEvent.of("a"));
        Names l = new Names();
        cache.register(l);
        IOException down = new IOException("connection refused");
        cache.update(CatalogEvent.error(down));
        cache.update(CatalogEvent.error(new IOException("connection refused")));
        cache.update(CatalogEvent.of("a"));
        assertEquals(3, l.events.size(), l.events.toString());
        assertSame(down, l.events.get(1).error());
        assertEquals(CatalogEvent.of("a"), l.events.get(2));
    }

    @Test
    void aDeregisteredListenerHearsNothingAndAFailingOneDoesNotStopTheOthers() {
        Log log = new Log();
        CatalogCache cache = new CatalogCache(log);
        Names gone = new Names();
        Names kept = new Names();
        cache.register(e -> {
            throw new IllegalStateException("boom");
        });
        cache.register(gone);
        cache.register(kept);
        cache.deregister(gone);
        cache.deregister(new Names()); // unknown: ignored
        cache.update(CatalogEvent.of("x"));
        assertEquals(List.of(CatalogEvent.of()), gone.events);
        assertEquals(List.of(CatalogEvent.of(), CatalogEvent.of("x")), kept.events);
        assertEquals(2, log.events.size(), "on register and on the update: " + log.events);
        assertTrue(log.events.get(0).toString().contains("boom"), log.events.toString());
    }

    @Test
    void aRegistryWithoutACatalogSaysSo() {
        Registry plain = new Registry() {
            @Override
            public Registrar registrar(ServiceInstance instance) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instancer instancer(String service) {
                return FixedInstancer.of();
            }

            @Override
            public void close() {
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, plain::catalog);
        assertTrue(e.getMessage().contains("cannot list"), e.getMessage());
    }
}
