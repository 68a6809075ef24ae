package io.kit4j.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void anEventHoldsACopyOfTheSetInTheOrderGiven() {
        List<String> given = new ArrayList<>(List.of("b:1", "a:1"));
        Event e = Event.of(given);
        given.add("c:1");
        assertEquals(List.of("b:1", "a:1"), e.instances());
        assertFalse(e.isError());
        assertThrows(UnsupportedOperationException.class, () -> e.instances().add("x"));
        assertEquals(List.of(), new Event(null, null).instances());
    }

    @Test
    void anErrorEventCarriesNoInstances() {
        IOException boom = new IOException("registry down");
        Event e = Event.error(boom);
        assertTrue(e.isError());
        assertSame(boom, e.error());
        assertEquals(List.of(), e.instances());
        assertThrows(IllegalArgumentException.class, () -> new Event(List.of("a:1"), boom));
        assertThrows(NullPointerException.class, () -> Event.error(null));
    }
}
