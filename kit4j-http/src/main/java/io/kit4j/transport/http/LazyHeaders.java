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
 * every header into a map. Read it while the finalizer runs: once the finalizers are done the server
 * hands the response back to Jetty, and a map not built by then cannot be any more
 * ({@link IllegalStateException}).
 */
final class LazyHeaders extends AbstractMap<String, List<String>> {
    private final Supplier<Map<String, List<String>>> source;
    private Map<String, List<String>> map;
    private boolean ended;

    LazyHeaders(Supplier<Map<String, List<String>>> source) {
        this.source = source;
    }

    private Map<String, List<String>> map() {
        if (map == null) {
            if (ended) {
                throw new IllegalStateException("the response headers can only be read while the finalizers run");
            }
            map = Collections.unmodifiableMap(source.get());
        }
        return map;
    }

    /** Called once the finalizers are done: the response is no longer there to read. */
    void end() {
        ended = true;
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
