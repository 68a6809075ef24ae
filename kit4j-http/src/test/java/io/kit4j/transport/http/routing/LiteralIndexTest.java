package io.kit4j.transport.http.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiteralIndexTest {

    @Test
    void findsEveryKeyByStringAndByRegion() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.put("seg" + i, i);
        }
        map.put("", -1);
        LiteralIndex<Integer> index = LiteralIndex.of(map);
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            assertEquals(e.getValue(), index.get(e.getKey()));
            String path = "/x/" + e.getKey() + "/y";
            assertEquals(e.getValue(), index.get(path, 3, 3 + e.getKey().length()));
        }
        assertNull(index.get("seg500"));
        assertNull(index.get("/seg1/", 1, 4));
        assertEquals(1, index.get("/seg12/", 1, 5));
        assertEquals(12, index.get("/seg12/", 1, 6));
        assertNull(index.get("/seg12/", 2, 6));
    }

    @Test
    void collidingHashesAreToldApart() {
        // "Aa" and "BB" share String.hashCode().
        LiteralIndex<String> index = LiteralIndex.of(Map.of("Aa", "first", "BB", "second"));
        assertEquals("first", index.get("/Aa", 1, 3));
        assertEquals("second", index.get("/BB", 1, 3));
        assertNull(index.get("/Ab", 1, 3));
    }

    @Test
    void emptyIndexFindsNothing() {
        LiteralIndex<String> index = LiteralIndex.of(Map.of());
        assertNull(index.get(""));
        assertNull(index.get("/a", 1, 2));
    }
}
