package io.kit4j.sd.consul;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a (blocking) catalog query {@code GET /v1/catalog/services}: every service name in the
 * datacenter's catalog with the union of its instances' tags, and Consul's {@code X-Consul-Index}.
 *
 * @param services service name to tags, in Consul's order
 * @param index the {@code X-Consul-Index} header, to pass as {@code index} on the next query
 */
public record ServicesResult(Map<String, List<String>> services, long index) {

    /** Copies, keeping the order. */
    public ServicesResult {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        services.forEach((name, tags) -> copy.put(name, List.copyOf(tags)));
        services = java.util.Collections.unmodifiableMap(copy);
    }
}
