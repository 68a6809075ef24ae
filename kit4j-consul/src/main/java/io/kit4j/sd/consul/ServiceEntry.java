package io.kit4j.sd.consul;

import java.util.List;
import java.util.Objects;

/**
 * One element of Consul's {@code GET /v1/health/service/:service} answer, reduced to what discovery
 * uses: the node's and the service's address, the port and the tags.
 *
 * @param nodeAddress {@code Node.Address}
 * @param serviceId {@code Service.ID}
 * @param serviceAddress {@code Service.Address}; empty when the service was registered without one
 * @param port {@code Service.Port}
 * @param tags {@code Service.Tags}
 */
public record ServiceEntry(String nodeAddress, String serviceId, String serviceAddress, int port, List<String> tags) {

    /** Copies; null strings become empty. */
    public ServiceEntry {
        nodeAddress = Objects.requireNonNullElse(nodeAddress, "");
        serviceId = Objects.requireNonNullElse(serviceId, "");
        serviceAddress = Objects.requireNonNullElse(serviceAddress, "");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * The instance string: {@code Service.Address}, or {@code Node.Address} when that is empty, then
     * {@code :port} (go-kit's rule; an IPv6 address is put in brackets so the string is usable).
     */
    public String instance() {
        String host = serviceAddress.isEmpty() ? nodeAddress : serviceAddress;
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }

    /** True if this entry has every tag in {@code required}. */
    public boolean hasTags(List<String> required) {
        return tags.containsAll(required);
    }
}
