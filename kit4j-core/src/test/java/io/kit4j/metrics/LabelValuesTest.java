package io.kit4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelValuesTest {
    @Test
    void withAppendsAndLeavesTheReceiverUnchanged() {
        LabelValues a = LabelValues.of("method", "GetUser");
        LabelValues b = a.with("error", "false");
        assertEquals(List.of("method", "GetUser"), a.asList());
        assertEquals(List.of("method", "GetUser", "error", "false"), b.asList());
        assertEquals(2, b.size());
        assertEquals("error", b.name(1));
        assertEquals("false", b.value(1));
        assertEquals("[method=GetUser, error=false]", b.toString());
    }

    @Test
    void anOddCountGivesTheLastNameTheValueUnknown() {
        assertEquals(List.of("method", "GetUser", "error", "unknown"), LabelValues.of("method", "GetUser", "error").asList());
        assertEquals(List.of("a", "unknown"), LabelValues.EMPTY.with("a").asList());
    }

    @Test
    void nothingToAddReturnsTheSameInstance() {
        LabelValues a = LabelValues.of("a", "1");
        assertSame(a, a.with());
        assertTrue(LabelValues.EMPTY.isEmpty());
    }

    @Test
    void orderIsSignificantAsInGoKit() {
        assertNotEquals(LabelValues.of("a", "1", "b", "2"), LabelValues.of("b", "2", "a", "1"));
        assertEquals(LabelValues.of("a", "1", "b", "2"), LabelValues.of("a", "1").with("b", "2"));
        assertEquals(LabelValues.of("a", "1").hashCode(), LabelValues.of("a", "1").hashCode());
    }

    @Test
    void nullsAreRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> LabelValues.of("method", null));
        assertEquals("value of label method", e.getMessage());
        assertThrows(NullPointerException.class, () -> LabelValues.of(null, "x"));
    }

    @Test
    void valuesForOrdersByDeclaredNamesAndTheLastRepeatWins() {
        LabelValues lv = LabelValues.of("error", "false", "method", "A", "method", "B");
        assertEquals(List.of("B", "false"), List.of(lv.valuesFor(List.of("method", "error"))));
        assertEquals(Map.of("error", "false", "method", "B"), lv.asMap());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> lv.valuesFor(List.of("method")));
        assertEquals("label error is not declared; declared labels: [method]", unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LabelValues.of("method", "A").valuesFor(List.of("method", "error")));
        assertEquals("no value for label error; label values given: [method=A]", missing.getMessage());
    }
}
