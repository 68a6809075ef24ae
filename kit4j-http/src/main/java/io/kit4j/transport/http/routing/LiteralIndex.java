package io.kit4j.transport.http.routing;

import java.util.Map;

/**
 * An immutable open-addressing hash table from literal segment text to a value, which can be probed with a
 * region of a larger string ({@code path[from, to)}) so that matching a literal segment allocates nothing.
 * Hashes are {@link String#hashCode()}-compatible.
 *
 * @param <V> the value type
 */
final class LiteralIndex<V> {
    private static final LiteralIndex<Object> EMPTY = new LiteralIndex<>(new String[0], new int[0], new Object[0]);

    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    private LiteralIndex(String[] keys, int[] hashes, Object[] values) {
        this.keys = keys;
        this.hashes = hashes;
        this.values = values;
        this.mask = keys.length - 1;
    }

    /** A table holding {@code map}'s entries; at most half full, so every probe ends at an empty slot. */
    static <V> LiteralIndex<V> of(Map<String, V> map) {
        if (map.isEmpty()) {
            @SuppressWarnings("unchecked")
            LiteralIndex<V> empty = (LiteralIndex<V>) EMPTY;
            return empty;
        }
        int capacity = Integer.highestOneBit(2 * map.size() - 1) << 1;
        String[] keys = new String[capacity];
        int[] hashes = new int[capacity];
        Object[] values = new Object[capacity];
        for (Map.Entry<String, V> entry : map.entrySet()) {
            int h = entry.getKey().hashCode();
            int slot = spread(h) & (capacity - 1);
            while (keys[slot] != null) {
                slot = (slot + 1) & (capacity - 1);
            }
            keys[slot] = entry.getKey();
            hashes[slot] = h;
            values[slot] = entry.getValue();
        }
        return new LiteralIndex<>(keys, hashes, values);
    }

    /** The value for {@code key}, or null. */
    V get(String key) {
        return find(key, 0, key.length(), key.hashCode());
    }

    /** The value for the text {@code src[from, to)}, or null. */
    V get(String src, int from, int to) {
        if (keys.length == 0) {
            return null;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + src.charAt(i);
        }
        return find(src, from, to, h);
    }

    private V find(String src, int from, int to, int h) {
        if (keys.length == 0) {
            return null;
        }
        int length = to - from;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return null;
            }
            if (hashes[slot] == h && key.length() == length && key.regionMatches(0, src, from, length)) {
                @SuppressWarnings("unchecked")
                V value = (V) values[slot];
                return value;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
