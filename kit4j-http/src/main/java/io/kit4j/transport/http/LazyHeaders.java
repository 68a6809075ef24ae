package io.kit4j.transport.http;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The headers finalizers find under {@link HttpContextKeys#RESPONSE_HEADERS}: a read-only map built on
 * first use, so that the many requests whose finalizers never read it (metrics, tracing) do not copy
 * every header into a map.
 */
final class LazyHeaders extends AbstractMap<String, List<String>> {
    private final Supplier<Map<String, List<String>>> source;
    private Map<String, List<String>> map;

    LazyHeaders(Supplier<Map<String, List<String>>> source) {
        this.source = source;
    }

    private Map<String, List<String>> map() {
        if (map == null) {
            map = Collections.unmodifiableMap(source.get());
        }
        return map;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return map().entrySet();
    }

    @Override
    public List<String> get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }
}
