package io.kit4j.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyHeadersTest {

    @Test
    void buildsTheMapOnceOnFirstReadAndKeepsItReadOnly() {
        AtomicInteger built = new AtomicInteger();
        LazyHeaders h = new LazyHeaders(() -> {
            built.incrementAndGet();
            return new java.util.LinkedHashMap<>(Map.of("Content-Type", List.of("application/json")));
        });
        assertEquals(0, built.get(), "nothing is copied until someone reads");
        assertEquals(List.of("application/json"), h.get("Content-Type"));
        assertEquals(1, h.size());
        h.end();
        assertEquals(List.of("application/json"), h.get("Content-Type"), "a map built in time stays readable");
        assertEquals(1, built.get());
        assertThrows(UnsupportedOperationException.class, () -> h.put("X", List.of("y")));
    }

    @Test
    void aMapNotBuiltBeforeTheEndIsRefusedNotReadFromARecycledResponse() {
        LazyHeaders h = new LazyHeaders(() -> Map.of("X-Late", List.of("1")));
        h.end();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.get("X-Late"));
        assertEquals("the response headers can only be read while the finalizers run", e.getMessage());
    }
}
