package io.kit4j.sd.consul;

import java.util.List;

/**
 * The answer to a (blocking) health query: the entries and Consul's {@code X-Consul-Index}, the index
 * to pass as {@code index} on the next query to wait for a change.
 *
 * @param entries the service entries, in Consul's order
 * @param index the {@code X-Consul-Index} header
 */
public record HealthResult(List<ServiceEntry> entries, long index) {

    /** Copies. */
    public HealthResult {
        entries = List.copyOf(entries);
    }
}
